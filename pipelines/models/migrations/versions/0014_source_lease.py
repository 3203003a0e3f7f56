"""source leases: which crawler of a cluster holds a source, until when

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

import pipelines.models.records

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_lease",
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("holder", sa.String(length=128), nullable=True),
        sa.Column("expires_at", pipelines.models.records.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("source"),
    )


def downgrade() -> None:
    op.drop_table("source_lease")
