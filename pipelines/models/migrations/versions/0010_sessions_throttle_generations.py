"""sessions that end (app_user.session_version), login limits shared by every process
(login_throttle) and cache generations (cache_generation: forgetting reaches every cache)

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

import pipelines.models.records

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column(
            "window_start", pipelines.models.records.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_login_throttle_window_start", "login_throttle", ["window_start"])
    generation = op.create_table(
        "cache_generation",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.bulk_insert(generation, [{"name": "forget", "value": 0}])


def downgrade() -> None:
    op.drop_table("cache_generation")
    op.drop_index("ix_login_throttle_window_start", table_name="login_throttle")
    op.drop_table("login_throttle")
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("session_version")
