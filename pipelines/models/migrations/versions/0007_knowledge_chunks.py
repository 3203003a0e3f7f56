"""knowledge documents chunked for retrieval

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "knowledge_chunk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("doc_hash", sa.String(length=64), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["knowledge_doc.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("doc_id", "ordinal"),
    )
    op.create_index("ix_knowledge_chunk_doc_id", "knowledge_chunk", ["doc_id"])


def downgrade() -> None:
    op.drop_index("ix_knowledge_chunk_doc_id", table_name="knowledge_chunk")
    op.drop_table("knowledge_chunk")
