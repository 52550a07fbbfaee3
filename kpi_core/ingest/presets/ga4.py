"""Google Analytics 4 report downloads: '#' comment blocks, YYYYMMDD dates, rates as fractions.

User acquisition reports key rows by 'First user primary channel group', traffic acquisition by
'Session primary channel group'; 'Key events' is the newer name of 'Conversions' (both read as
leads for now). 'Event count' marks a GA4 file but is no measure. Reports snapshot blocks count
their days by 'Nth day' (0000, 0001, … from the '# Start date'): a date column the pipeline turns
into days, never a measure.
"""

from kpi_core.ingest.presets.base import Preset
from kpi_core.ingest.rules import ColumnRule as R

PRESET = Preset(
    id="ga4",
    title="Google Analytics 4",
    markers=frozenset(
        {
            "sessions",
            "total users",
            "active users",
            "engaged sessions",
            "key events",
            "event count",
            "total revenue",
            "session primary channel group (default channel group)",
            "first user primary channel group (default channel group)",
            "new users",
            "purchase revenue",
            "transactions",
            "ecommerce purchases",
            "views",
            "nth day",
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
        "key events": R("leads"),
        "conversions": R("leads"),
        "bounce rate": R("bounces", "rate", "sessions"),
        "average session duration": R("session_duration_s", "duration", "sessions"),
    },
    date_headers=("date", "day", "week", "month", "nth day"),
    dimension_headers=(
        "session primary channel group (default channel group)",
        "first user primary channel group (default channel group)",
        "session default channel group",
        "default channel group",
        "first user default channel group",
    ),
)
