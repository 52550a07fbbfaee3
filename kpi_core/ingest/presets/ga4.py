"""Google Analytics 4 report downloads: '#' comment blocks, YYYYMMDD dates, rates as fractions."""

from kpi_core.ingest.presets.base import Preset
from kpi_core.ingest.rules import ColumnRule as R

PRESET = Preset(
    id="ga4",
    title="Google Analytics 4",
    markers=frozenset(
        {
            "sessions",
            "total users",
            "engaged sessions",
            "key events",
            "total revenue",
            "session primary channel group (default channel group)",
            "new users",
            "purchase revenue",
            "transactions",
            "ecommerce purchases",
            "views",
        }
    ),
    min_markers=2,
    columns={
        "sessions": R("sessions"),
        "total users": R("visitors"),
        "active users": R("visitors"),
        "new users": R("new_visitors"),
        "views": R("pageviews"),
        "total revenue": R("revenue"),
        "purchase revenue": R("revenue"),
        "transactions": R("orders"),
        "ecommerce purchases": R("orders"),
        "bounce rate": R("bounces", "rate", "sessions"),
        "average session duration": R("session_duration_s", "duration", "sessions"),
    },
    date_headers=("date", "day", "week", "month"),
    dimension_headers=(
        "session primary channel group (default channel group)",
        "session default channel group",
        "default channel group",
        "first user default channel group",
    ),
)
