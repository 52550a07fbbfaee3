"""initial schema

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "workspaces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("locale", sa.String(length=5), nullable=False),
        sa.Column("brand_name", sa.String(length=120), nullable=True),
        sa.Column("brand_color", sa.String(length=7), nullable=True),
        sa.Column("review_period", sa.String(length=5), nullable=False),
        sa.Column("margin_pct", sa.Float(), nullable=True),
        sa.Column("spend_includes_vat", sa.Boolean(), nullable=False),
        sa.Column("alert_change_pct", sa.Float(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("data_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspaces")),
        sa.UniqueConstraint("name", name=op.f("uq_workspaces_name")),
    )
    op.create_table(
        "data_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("preset", sa.String(length=30), nullable=False),
        sa.Column("grain", sa.String(length=10), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=True),
        sa.Column("mapping_json", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_data_sources_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_sources")),
        sa.UniqueConstraint("workspace_id", "name", name=op.f("uq_data_sources_workspace_id_name")),
    )
    with op.batch_alter_table("data_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_data_sources_signature"), ["signature"], unique=False)
        batch_op.create_index(batch_op.f("ix_data_sources_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("objective", sa.String(length=20), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("owner", sa.String(length=120), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_goals_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goals_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("kpi", sa.String(length=60), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("expected_effect", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_actions_goal_id_goals"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_actions_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actions_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "goal_kpis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kpi", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("minimum", sa.Float(), nullable=True),
        sa.Column("stretch", sa.Float(), nullable=True),
        sa.Column("baseline", sa.String(length=10), nullable=False),
        sa.Column("owner", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_goal_kpis_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_kpis")),
        sa.UniqueConstraint("goal_id", "kpi", name=op.f("uq_goal_kpis_goal_id_kpi")),
    )
    with op.batch_alter_table("goal_kpis", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_kpis_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_skipped", sa.Integer(), nullable=False),
        sa.Column("observations_written", sa.Integer(), nullable=False),
        sa.Column("observations_replaced", sa.Integer(), nullable=False),
        sa.Column("date_min", sa.Date(), nullable=True),
        sa.Column("date_max", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["data_sources.id"],
            name=op.f("fk_import_batches_source_id_data_sources"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_import_batches_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batches_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_import_batches_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "measure_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["data_sources.id"],
            name=op.f("fk_measure_sources_source_id_data_sources"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_measure_sources_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_sources")),
        sa.UniqueConstraint(
            "workspace_id",
            "measure",
            name=op.f("uq_measure_sources_workspace_id_measure"),
        ),
    )
    with op.batch_alter_table("measure_sources", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_measure_sources_workspace_id"),
            ["workspace_id"],
            unique=False,
        )

    op.create_table(
        "goal_kpi_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_kpi_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_kpi_id"],
            ["goal_kpis.id"],
            name=op.f("fk_goal_kpi_plans_goal_kpi_id_goal_kpis"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_kpi_plans")),
        sa.UniqueConstraint("goal_kpi_id", "month", name=op.f("uq_goal_kpi_plans_goal_kpi_id_month")),
    )
    with op.batch_alter_table("goal_kpi_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_kpi_plans_goal_kpi_id"), ["goal_kpi_id"], unique=False)

    op.create_table(
        "observations",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name=op.f("fk_observations_batch_id_import_batches"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["data_sources.id"],
            name=op.f("fk_observations_source_id_data_sources"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_observations_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
        sa.UniqueConstraint(
            "workspace_id",
            "source_id",
            "date",
            "measure",
            "channel",
            name=op.f("uq_observations_workspace_id_source_id_date_measure_channel"),
        ),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_observations_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(
            "ix_observations_workspace_measure_date",
            ["workspace_id", "measure", "date"],
            unique=False,
        )

    op.create_table(
        "target_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_kpi_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("who", sa.String(length=120), nullable=True),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("old_target", sa.Float(), nullable=False),
        sa.Column("new_target", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_kpi_id"],
            ["goal_kpis.id"],
            name=op.f("fk_target_revisions_goal_kpi_id_goal_kpis"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_revisions")),
    )
    with op.batch_alter_table("target_revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_revisions_goal_kpi_id"), ["goal_kpi_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("target_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_revisions_goal_kpi_id"))

    op.drop_table("target_revisions")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_workspace_measure_date")
        batch_op.drop_index(batch_op.f("ix_observations_batch_id"))

    op.drop_table("observations")
    with op.batch_alter_table("goal_kpi_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_kpi_plans_goal_kpi_id"))

    op.drop_table("goal_kpi_plans")
    with op.batch_alter_table("measure_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measure_sources_workspace_id"))

    op.drop_table("measure_sources")
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_batches_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_import_batches_source_id"))

    op.drop_table("import_batches")
    with op.batch_alter_table("goal_kpis", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_kpis_goal_id"))

    op.drop_table("goal_kpis")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actions_workspace_id"))

    op.drop_table("actions")
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goals_workspace_id"))

    op.drop_table("goals")
    with op.batch_alter_table("data_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_data_sources_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_data_sources_signature"))

    op.drop_table("data_sources")
    op.drop_table("workspaces")
