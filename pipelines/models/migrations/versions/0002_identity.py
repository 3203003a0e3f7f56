"""identity: persona handle keys and pins, customer aliases, link decisions, contact hashes

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

import pipelines.models.records

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_hash",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("persona_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at", pipelines.models.records.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(["persona_id"], ["persona.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("persona_id", "kind", "digest"),
    )
    with op.batch_alter_table("contact_hash", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_hash_digest"), ["digest"], unique=False)

    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_customer_merged_into_id_customer",
            "customer",
            ["merged_into_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("persona", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handle_key", sa.String(length=255), nullable=True))
        batch_op.add_column(
            sa.Column("pinned", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(batch_op.f("ix_persona_handle_key"), ["handle_key"], unique=False)

    with op.batch_alter_table("persona_link", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decided_by", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column(
                "decided_at", pipelines.models.records.UTCDateTime(timezone=True), nullable=True
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("persona_link", schema=None) as batch_op:
        batch_op.drop_column("decided_at")
        batch_op.drop_column("decided_by")
    with op.batch_alter_table("persona", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_persona_handle_key"))
        batch_op.drop_column("pinned")
        batch_op.drop_column("handle_key")
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_constraint("fk_customer_merged_into_id_customer", type_="foreignkey")
        batch_op.drop_column("merged_into_id")
    with op.batch_alter_table("contact_hash", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_hash_digest"))
    op.drop_table("contact_hash")
