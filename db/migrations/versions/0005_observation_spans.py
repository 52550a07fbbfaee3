"""Period data: the last day of an observation that totals a span (NULL for a daily row)

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("end_date", sa.Date(), nullable=True))
        batch_op.create_index(
            "ix_observations_workspace_source_end", ["workspace_id", "source_id", "end_date"], unique=False
        )
    with op.batch_alter_table("replaced_observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("end_date", sa.Date(), nullable=True))


def downgrade() -> None:
    # span rows stay, as totals at their first day: the earlier schema has no place for their last day
    with op.batch_alter_table("replaced_observations", schema=None) as batch_op:
        batch_op.drop_column("end_date")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_workspace_source_end")
        batch_op.drop_column("end_date")
