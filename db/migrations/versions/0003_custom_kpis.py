"""custom kpis

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "custom_kpis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("formula", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column("good", sa.String(length=4), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"], ["workspaces.id"], name=op.f("fk_custom_kpis_workspace_id_workspaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_kpis")),
        sa.UniqueConstraint("workspace_id", "key", name=op.f("uq_custom_kpis_workspace_id_key")),
    )
    with op.batch_alter_table("custom_kpis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_custom_kpis_workspace_id"), ["workspace_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("custom_kpis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_custom_kpis_workspace_id"))

    op.drop_table("custom_kpis")
