"""tickets stored before first_post_at existed: their earliest customer post's created_at

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        sa.text(
            "UPDATE ticket SET first_post_at = (SELECT MIN(mention.created_at) FROM mention "
            "WHERE mention.ticket_id = ticket.id AND mention.by_brand = :no) "
            "WHERE first_post_at IS NULL"
        ).bindparams(no=False)
    )


def downgrade() -> None:
    pass  # the values stay valid; 0008's downgrade drops the column
