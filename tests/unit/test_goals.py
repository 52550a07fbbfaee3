import datetime as dt

import pytest

from kpi_core.goals.spec import GoalError, goal_from_dict, goal_to_dict, goals_from_json

FILE = [
    {
        "title": "Grow online sales",
        "objective": "sales",
        "start": "2026-01-01",
        "deadline": "2026-03-31",
        "owner": "marketing lead",
        "kpis": [
            {
                "kpi": "new_customers",
                "kind": "total",
                "target": 100,
                "plan": {"2026-01": 30, "2026-02": 30, "2026-03": 40},
            },
            {"kpi": "conversion_rate", "kind": "level", "target": 2.5, "minimum": 2.0, "stretch": 3.0},
            {"kpi": "revenue", "kind": "change", "target": 20, "baseline": "previous"},
        ],
    }
]


def test_goal_file_round_trip():
    goals = goals_from_json(FILE)
    assert goals[0].start == dt.date(2026, 1, 1) and goals[0].kpis[1].stretch == 3.0
    out = [goal_to_dict(g) for g in goals]
    expected = [dict(FILE[0])]
    expected[0]["kpis"] = [
        {
            "kpi": "new_customers",
            "kind": "total",
            "target": 100.0,
            "plan": {"2026-01": 30.0, "2026-02": 30.0, "2026-03": 40.0},
        },
        {"kpi": "conversion_rate", "kind": "level", "target": 2.5, "minimum": 2.0, "stretch": 3.0},
        {"kpi": "revenue", "kind": "change", "target": 20.0, "baseline": "previous"},
    ]
    assert out == expected


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "needs a title"),
        ({"objective": "fame"}, "objective must be"),
        ({"start": "01.01.2026"}, "YYYY-MM-DD"),
        ({"deadline": "2025-12-01"}, "before its start"),
        ({"kpis": [{"kpi": "conversion_rate", "kind": "total", "target": 3}]}, "cannot have a total target"),
        ({"kpis": [{"kpi": "happiness", "kind": "level", "target": 3}]}, "not a KPI id"),
        ({"kpis": [{"kpi": "orders", "kind": "total", "target": "many"}]}, "must be a number"),
        (
            {
                "kpis": [
                    {"kpi": k, "kind": "level", "target": 1} for k in ("orders", "revenue", "cac", "cpl", "ctr", "cpc")
                ]
            },
            "at most 5",
        ),
    ],
)
def test_bad_goals_are_refused_with_a_reason(change, message):
    with pytest.raises(GoalError, match=message):
        goal_from_dict({**FILE[0], **change})
