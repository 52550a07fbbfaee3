"""Step 5 analysis: plan vs actual, why a KPI moved (factor decomposition), which channel works."""

from kpi_core.analysis.plan_actual import furthest_behind, plan_vs_actual

__all__ = ["furthest_behind", "plan_vs_actual"]
