"""job heartbeats: when the outbox publisher (and other jobs) last ran

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

import pipelines.models.records

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_heartbeat",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("beat_at", pipelines.models.records.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("job_heartbeat")
