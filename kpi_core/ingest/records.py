"""Files with one row per record (CRM deals, survey answers) summed up by date."""

from __future__ import annotations

import pandas as pd

SURVEY_HEADERS = frozenset(
    {
        "nps",
        "score",
        "оценка",
        "рекомендация",
        "likelihood to recommend",
        "how likely are you to recommend us",
        "насколько вероятно, что вы порекомендуете нас",
        "насколько вероятно, что вы порекомендуете нас друзьям",
    }
)


def _count(dates: pd.Series, measure: str) -> pd.DataFrame:
    counts = dates.dropna().value_counts().sort_index()
    return pd.DataFrame({"date": counts.index, "measure": measure, "channel": "all", "value": counts.to_numpy(float)})


def aggregate_deals(created: pd.Series, closed: pd.Series, outcome: pd.Series, amount: pd.Series) -> pd.DataFrame:
    """Deals → daily leads (by creation), deals_won with revenue and deals_lost (by closing day).

    A closed deal without a closing date counts on its creation day.

    >>> frame = aggregate_deals(
    ...     pd.Series(pd.to_datetime(["2026-03-01", "2026-03-01", "2026-03-02"])),
    ...     pd.Series(pd.to_datetime([None, "2026-03-05", "2026-03-06"])),
    ...     pd.Series([None, "won", "lost"]), pd.Series([1000.0, 5000.0, 700.0]))
    >>> [(d.day, m, v) for d, m, _, v in sorted(frame.itertuples(index=False, name=None))]
    [(1, 'leads', 2.0), (2, 'leads', 1.0), (5, 'deals_won', 1.0), (5, 'revenue', 5000.0), (6, 'deals_lost', 1.0)]
    """
    closing = closed.fillna(created)
    won = outcome == "won"
    lost = outcome == "lost"
    revenue = amount[won].fillna(0.0).groupby(closing[won]).sum()
    frames = [
        _count(created, "leads"),
        _count(closing[won], "deals_won"),
        _count(closing[lost], "deals_lost"),
        pd.DataFrame({"date": revenue.index, "measure": "revenue", "channel": "all", "value": revenue.to_numpy(float)}),
    ]
    return (
        pd.concat([f for f in frames if not f.empty], ignore_index=True)
        if any(not f.empty for f in frames)
        else pd.DataFrame(columns=["date", "measure", "channel", "value"])
    )


def aggregate_survey(dates: pd.Series, scores: pd.Series) -> pd.DataFrame:
    """0–10 answers → daily promoter (9–10), passive (7–8) and detractor (0–6) counts.

    >>> aggregate_survey(pd.Series(pd.to_datetime(["2026-03-01"] * 3)), pd.Series([10, 7, 3]))["value"].tolist()
    [1.0, 1.0, 1.0]
    """
    valid = scores.between(0, 10) & dates.notna()
    groups = {
        "nps_promoters": valid & (scores >= 9),
        "nps_passives": valid & scores.between(7, 8),
        "nps_detractors": valid & (scores <= 6),
    }
    frames = [_count(dates[mask], measure) for measure, mask in groups.items()]
    return pd.concat(frames, ignore_index=True)
