"""web app: users, API tokens, ticket notes, complaint feedback, queue indexes

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

import pipelines.models.records

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UTC = pipelines.models.records.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("last_used_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_token_user_id"), ["user_id"], unique=False)
    op.create_table(
        "ticket_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ticket_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_note_ticket_id"), ["ticket_id"], unique=False)
    op.create_table(
        "complaint_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mention_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=32), nullable=False),
        sa.Column("agent", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["mention_id"], ["mention.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["ticket_id"], ["ticket.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mention_id", "label"),
    )
    op.create_index(
        "ix_ticket_queue",
        "ticket",
        [sa.text("reassigned DESC"), sa.text("priority DESC"), "sla_due_at", "id"],
    )
    op.create_index("ix_mention_ticket_filters", "mention", ["ticket_id", "platform", "lang"])
    op.create_index("ix_persona_link_b", "persona_link", ["persona_b_id"])
    op.create_index("ix_reply_ticket_id", "reply", ["ticket_id"])


def downgrade() -> None:
    op.drop_index("ix_reply_ticket_id", table_name="reply")
    op.drop_index("ix_persona_link_b", table_name="persona_link")
    op.drop_index("ix_mention_ticket_filters", table_name="mention")
    op.drop_index("ix_ticket_queue", table_name="ticket")
    op.drop_table("complaint_feedback")
    with op.batch_alter_table("ticket_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_note_ticket_id"))
    op.drop_table("ticket_note")
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_token_user_id"))
    op.drop_table("api_token")
    op.drop_table("app_user")
