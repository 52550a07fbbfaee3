"""Shared fixtures: the pinned clock, and observation frames built from small literal tables."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import pytest

# The day every test runs on. Tests never read the real clock: the app's today comes from
# KPI_TODAY (config.today), pinned here; KPI_TEST_TODAY runs the suite as of another day.
TODAY = dt.date.fromisoformat(os.environ.get("KPI_TEST_TODAY") or "2026-12-01")


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch) -> dt.date:
    """Pin the app's today for the test (and for any process it starts, which inherits it)."""
    monkeypatch.setenv("KPI_TODAY", TODAY.isoformat())
    return TODAY


def make_obs(rows: list[tuple]) -> pd.DataFrame:
    """Observations from (date, measure, value) or (date, measure, channel, value) tuples."""
    records = []
    for row in rows:
        if len(row) == 3:
            day, measure, value = row
            channel = "all"
        else:
            day, measure, channel, value = row
        records.append({"date": pd.Timestamp(day), "measure": measure, "channel": channel, "value": float(value)})
    return pd.DataFrame(records, columns=["date", "measure", "channel", "value"])


@pytest.fixture
def obs_factory():
    return make_obs


@pytest.fixture
def db(tmp_path):
    """A SQLite file of the test's own for the command line's ``--db``."""
    return f"sqlite:///{tmp_path}/cli.db"
