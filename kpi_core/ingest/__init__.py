"""Reading files into long observations: detect → parse → map → validate → normalise."""

from kpi_core.ingest.errors import IngestError

__all__ = ["IngestError"]
