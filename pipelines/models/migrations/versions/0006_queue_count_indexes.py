"""queue counts: ticket indexes for the "mine", assignee and team filters

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_ticket_assignee_status", "ticket", ["assignee", "status"])
    op.create_index("ix_ticket_team_status", "ticket", ["team", "status"])


def downgrade() -> None:
    op.drop_index("ix_ticket_team_status", table_name="ticket")
    op.drop_index("ix_ticket_assignee_status", table_name="ticket")
