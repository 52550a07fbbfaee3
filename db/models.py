"""SQLAlchemy 2 models: the same schema runs on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

import config

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY; other databases get a 64-bit key.
BigKey = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


utc_now = config.utc_now  # when a row was written; the clock lives in config


class Workspace(Base):
    """One business (or one agency client)."""

    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    currency: Mapped[str] = mapped_column(String(3), default="RUB")
    locale: Mapped[str] = mapped_column(String(5), default="ru")
    brand_name: Mapped[str | None] = mapped_column(String(120))
    brand_color: Mapped[str | None] = mapped_column(String(7))
    review_period: Mapped[str] = mapped_column(String(5), default="week")
    margin_pct: Mapped[float | None] = mapped_column(Float)
    spend_includes_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    vat_pct: Mapped[float] = mapped_column(Float, default=22.0, server_default="22")
    alert_change_pct: Mapped[float] = mapped_column(Float, default=20.0)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    data_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, server_default=func.now())

    goals: Mapped[list[Goal]] = relationship(
        back_populates="workspace", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Workspace {self.id} {self.name!r}>"


class Goal(Base):
    """A goal with a window, an owner and 3–5 KPIs."""

    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    objective: Mapped[str] = mapped_column(String(20))
    start: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[dt.date] = mapped_column(Date)
    owner: Mapped[str | None] = mapped_column(String(120))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, server_default=func.now())

    workspace: Mapped[Workspace] = relationship(back_populates="goals")
    kpis: Mapped[list[GoalKPI]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", passive_deletes=True, order_by="GoalKPI.position"
    )

    def __repr__(self) -> str:
        return f"<Goal {self.id} {self.title!r}>"


class GoalKPI(Base):
    """A KPI chosen for a goal, with its target."""

    __tablename__ = "goal_kpis"
    __table_args__ = (UniqueConstraint("goal_id", "kpi"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kpi: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10))
    target: Mapped[float] = mapped_column(Float)
    minimum: Mapped[float | None] = mapped_column(Float)
    stretch: Mapped[float | None] = mapped_column(Float)
    baseline: Mapped[str] = mapped_column(String(10), default="previous")
    owner: Mapped[str | None] = mapped_column(String(120))

    goal: Mapped[Goal] = relationship(back_populates="kpis")
    plan: Mapped[list[GoalKPIPlan]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="GoalKPIPlan.month"
    )

    def __repr__(self) -> str:
        return f"<GoalKPI {self.kpi} {self.kind} {self.target}>"


class GoalKPIPlan(Base):
    """The plan value of a goal KPI for one month ("YYYY-MM")."""

    __tablename__ = "goal_kpi_plans"
    __table_args__ = (UniqueConstraint("goal_kpi_id", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_kpi_id: Mapped[int] = mapped_column(ForeignKey("goal_kpis.id", ondelete="CASCADE"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    value: Mapped[float] = mapped_column(Float)


class DataSource(Base):
    """Where observations came from: a file export, a database query, a URL or the demo."""

    __tablename__ = "data_sources"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="file")
    preset: Mapped[str] = mapped_column(String(30), default="generic")
    grain: Mapped[str] = mapped_column(String(10), default="day")
    signature: Mapped[str | None] = mapped_column(String(64), index=True)
    mapping_json: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, server_default=func.now())

    def __repr__(self) -> str:
        return f"<DataSource {self.id} {self.name!r}>"


class MeasureSource(Base):
    """Which source a workspace reads a measure from (one source per measure)."""

    __tablename__ = "measure_sources"
    __table_args__ = (UniqueConstraint("workspace_id", "measure"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    measure: Mapped[str] = mapped_column(String(40))
    source_id: Mapped[int] = mapped_column(ForeignKey("data_sources.id", ondelete="CASCADE"))


class ImportBatch(Base):
    """One import of one file or query, kept so it can be listed and undone."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("data_sources.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    file_hash: Mapped[str] = mapped_column(String(64))
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0)
    observations_written: Mapped[int] = mapped_column(Integer, default=0)
    observations_replaced: Mapped[int] = mapped_column(Integer, default=0)
    date_min: Mapped[dt.date | None] = mapped_column(Date)
    date_max: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, server_default=func.now())
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    quality_json: Mapped[str | None] = mapped_column(Text)  # the import's quality report (JSON), None before 0006
    spans: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # totals over periods
    # the source's removal: every row of the source set aside (kept for an undo), nothing written
    removal: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ReplacedObservation(Base):
    """An observation an import replaced, kept so that undoing the import can put it back."""

    __tablename__ = "replaced_observations"

    id: Mapped[int] = mapped_column(BigKey, primary_key=True, autoincrement=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    original_batch_id: Mapped[int | None] = mapped_column(Integer)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("data_sources.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    measure: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)


class Observation(Base):
    """One measure on one day in one channel from one source; with ``end_date``, a total over the
    span ``date``..``end_date`` (period data, no day breakdown)."""

    __tablename__ = "observations"
    __table_args__ = (
        UniqueConstraint("workspace_id", "source_id", "date", "measure", "channel"),
        Index("ix_observations_workspace_measure_date", "workspace_id", "measure", "date"),
        # finds a source's spans at once (a re-import asks whether it has any); daily rows hold NULL
        Index("ix_observations_workspace_source_end", "workspace_id", "source_id", "end_date"),
    )

    id: Mapped[int] = mapped_column(BigKey, primary_key=True, autoincrement=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("data_sources.id", ondelete="CASCADE"))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id", ondelete="SET NULL"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)  # the span's last day; NULL for a daily row
    measure: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(40), default="all")
    value: Mapped[float] = mapped_column(Float)


class Action(Base):
    """Something the team changed (budget move, new landing page), with its expected effect."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="SET NULL"))
    kpi: Mapped[str | None] = mapped_column(String(60))
    date: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    expected_effect: Mapped[str | None] = mapped_column(Text)
    channels: Mapped[str | None] = mapped_column(String(400))  # comma-separated channels the action touched
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, server_default=func.now())


class CustomKPI(Base):
    """A workspace's own KPI: a formula over measures with a name, unit and good direction."""

    __tablename__ = "custom_kpis"
    __table_args__ = (UniqueConstraint("workspace_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(120))
    formula: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(10))
    good: Mapped[str] = mapped_column(String(4))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, server_default=func.now())


class TargetRevision(Base):
    """A change of a goal KPI's target: who, when and why."""

    __tablename__ = "target_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_kpi_id: Mapped[int] = mapped_column(ForeignKey("goal_kpis.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, server_default=func.now())
    who: Mapped[str | None] = mapped_column(String(120))
    why: Mapped[str | None] = mapped_column(Text)
    old_target: Mapped[float] = mapped_column(Float)
    new_target: Mapped[float] = mapped_column(Float)
