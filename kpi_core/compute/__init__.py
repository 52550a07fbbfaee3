"""KPI numbers from observations: ``series`` (values per period, ratio of sums), ``cube`` (daily
running sums for fast windows), ``periods`` (period, month and year rules)."""
