"""Yandex.Metrica Reports API answers saved as CSV: raw names ('ym:s:visits', 'ym:pv:pageviews').

Numbers come as floats (``5.0``), rows unsorted, days without visits absent. Session metrics
start with ``ym:s:``, hit metrics with ``ym:pv:``; headers are compared in lower case. Unlike the
report export, ``ym:s:bounceRate`` is in percent points (0–100) and the visit duration is in
plain seconds (``102.5``), read as a number times the visits (no h:mm:ss or day fractions).
"""

from kpi_core.ingest.presets.base import Preset, pattern
from kpi_core.ingest.rules import METRICA_API_DATES
from kpi_core.ingest.rules import ColumnRule as R

GOAL_CONFIDENCE = 0.8  # a goal may be a lead, a call, a purchase or a scroll: the user reviews it

COLUMNS: dict[str, R] = {
    "ym:s:visits": R("sessions"),
    "ym:s:users": R("visitors"),
    "ym:s:newusers": R("new_visitors"),
    "ym:s:percentnewvisitors": R("new_visitors", "rate", "visitors", percent=True),
    "ym:s:pageviews": R("pageviews"),
    "ym:s:bouncerate": R("bounces", "rate", "sessions", percent=True),
    "ym:s:pagedepth": R("pageviews", "avg", "sessions"),
    "ym:s:avgvisitdurationseconds": R("session_duration_s", "avg", "sessions"),
    "ym:s:ecommercerevenue": R("revenue"),
    "ym:s:ecommercepurchases": R("orders"),
    "ym:pv:pageviews": R("pageviews"),
    "ym:pv:users": R("visitors"),
}
DATE_HEADERS = METRICA_API_DATES
SOURCE_HEADERS = ("ym:s:lastsigntrafficsource", "ym:s:trafficsource", "ym:s:lasttrafficsource")

PRESET = Preset(
    id="yandex_metrica_api",
    title="Yandex.Metrica API",
    markers=frozenset({*COLUMNS, *DATE_HEADERS, *SOURCE_HEADERS}),
    min_markers=1,  # one raw 'ym:' name is enough: no other export writes them
    columns=COLUMNS,
    patterns=(pattern(r"ym:s:goal\d+reaches", R("leads"), GOAL_CONFIDENCE),),
    date_headers=DATE_HEADERS,
    dimension_headers=SOURCE_HEADERS,
)
