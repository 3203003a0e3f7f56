"""stored suggestions without needs_human: the pages decide it when they serve the suggestions
(the gap, the severity cues and the best similarity of the matter's posts)

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mention_suggestion") as batch:
        batch.drop_column("needs_human")


def downgrade() -> None:
    with op.batch_alter_table("mention_suggestion") as batch:
        batch.add_column(
            sa.Column("needs_human", sa.Boolean(), nullable=False, server_default=sa.false())
        )
