"""VAT rate of a workspace's ad spend; channels an action touched

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(sa.Column("vat_pct", sa.Float(), server_default="22", nullable=False))
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channels", sa.String(length=400), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_column("channels")
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("vat_pct")
