"""The domain of KPI Pilot: pure Python + pandas, no Streamlit, no SQLAlchemy, nothing of the app.

A map, in the order of the method (docs/ARCHITECTURE.md tells more):

- ``catalog/``  measures (what is stored), the KPI type, the KPI list, the safe formula language,
  the workspace's own KPIs
- ``compute/``  KPI values and series per day/week/month (ratio of sums), the daily cube,
  ``periods`` — every period, month and year-shift rule in one place
- ``goals/``    the goal spec and its checks, the goal-sentence parser, SMART, monthly plans
- ``monitor/``  pacing (where a goal KPI will land), the chart's path, alerts, the method's steps
- ``analysis/`` plan vs actual, why a KPI moved, channels with intervals, likely causes
- ``adjust/``   response curves, budget allocation, what-if, did an action work
- ``ingest/``   files into observations: detect → parse → map → validate → normalise
- ``i18n/``     numbers, money and dates per language; the ru/en strings, one file per page
- ``report/``   what leaves the app, as bytes: the data table for people, the Excel report
- ``demo.py``   the demo business

The command line lives in ``cli.py`` at the top of the project; ``python -m kpi_core`` runs it.
"""
