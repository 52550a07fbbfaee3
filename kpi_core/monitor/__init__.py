"""Step 4, monitoring: ``pacing`` (where a goal KPI will land and its status), ``path`` (the
chart's path to the target), ``alerts``, ``steps`` (where a workspace stands in the method)."""
