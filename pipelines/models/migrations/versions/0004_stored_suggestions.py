"""stored suggestions: the suggested answers of a post, computed outside the web request

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

import pipelines.models.records

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC = pipelines.models.records.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "mention_suggestion",
        sa.Column("mention_id", sa.Integer(), nullable=False),
        sa.Column("kb_version", sa.String(length=64), nullable=False),
        sa.Column("mention_key", sa.String(length=64), nullable=False),
        sa.Column("needs_human", sa.Boolean(), nullable=False),
        sa.Column("hits", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["mention_id"], ["mention.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("mention_id"),
    )


def downgrade() -> None:
    op.drop_table("mention_suggestion")
