"""forgetting sticks: tombstones (keyed hashes of forgotten accounts)

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

import pipelines.models.records

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tombstone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at", pipelines.models.records.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest"),
    )


def downgrade() -> None:
    op.drop_table("tombstone")
