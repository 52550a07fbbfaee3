"""What can be measured and computed: measures, the KPI type, the KPI list, the formula language.

``registry`` is the catalog's face (``get_kpi``, ``all_kpis``, the workspace's own KPIs);
``measures`` lists what is stored, ``kpi_list`` the KPIs, ``formula`` the safe formula language.
"""
