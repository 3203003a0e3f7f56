"""index versions in the database: web processes know the knowledge index's version on any host

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

import pipelines.models.records

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "index_version",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=True),
        sa.Column(
            "published_at", pipelines.models.records.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("index_version")
