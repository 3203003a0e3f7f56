"""gap reports: the knowledge gaps computed by a job, read by the pages

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

import pipelines.models.records

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gap_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("since_days", sa.Float(), nullable=False),
        sa.Column("inputs", sa.String(length=64), nullable=False),
        sa.Column(
            "computed_at", pipelines.models.records.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_gap_report_since_days", "gap_report", ["since_days"])


def downgrade() -> None:
    op.drop_index("ix_gap_report_since_days", table_name="gap_report")
    op.drop_table("gap_report")
