"""Shared fixtures: observation frames built from small literal tables."""

from __future__ import annotations

import pandas as pd
import pytest


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
