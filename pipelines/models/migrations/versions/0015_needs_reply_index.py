"""the queue's needs-reply filter: an index on (ticket_id, needs_reply); posts stored before
roles existed get theirs from what was known (a complaint; open = needs a reply)

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_mention_needs_reply", "mention", ["ticket_id", "needs_reply"])
    mention = sa.table(
        "mention",
        sa.column("role", sa.String),
        sa.column("needs_reply", sa.Boolean),
        sa.column("is_complaint", sa.Boolean),
        sa.column("status", sa.String),
        sa.column("by_brand", sa.Boolean),
        sa.column("content_type", sa.String),
    )
    op.execute(
        mention.update()
        .where(mention.c.role.is_(None), mention.c.is_complaint.is_(True))
        .values(role="complaint")
    )
    op.execute(
        mention.update()
        .where(mention.c.needs_reply.is_(None), mention.c.content_type == "mention")
        .values(
            needs_reply=sa.and_(
                mention.c.status == "open",
                mention.c.by_brand.is_(False),
            )
        )
    )


def downgrade() -> None:
    op.drop_index("ix_mention_needs_reply", table_name="mention")
