"""Each import's data quality report (the ``quality`` of ``import``), kept for the workspace's
summary, and whether its rows are totals over periods (no day breakdown)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quality_json", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("spans", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_column("spans")
        batch_op.drop_column("quality_json")
