"""what each post is (role, needs_reply) and what each ticket is about (matter, first_post_at)

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mention") as batch:
        batch.add_column(sa.Column("role", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("needs_reply", sa.Boolean(), nullable=True))
    with op.batch_alter_table("ticket") as batch:
        batch.add_column(sa.Column("matter", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("first_post_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ticket") as batch:
        batch.drop_column("first_post_at")
        batch.drop_column("matter")
    with op.batch_alter_table("mention") as batch:
        batch.drop_column("needs_reply")
        batch.drop_column("role")
