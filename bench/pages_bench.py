"""Page speed on the demo: each page's render and a few clicks' reruns, beside the Home page's, in one run.

Every page is rendered through Streamlit's AppTest (the app's own script, no browser) against a
SQLite file holding the demo, the way a warm server renders it: one untimed pass fills the caches,
then each page is rendered by new sessions several times and the median is kept. A click is a
rerun of the page it is on (Monitor's Week/Month switch, Analyse's KPI and period pickers). Prints
one JSON object (seconds); the issue's targets are a page's render ≤ 1.0 s and a click ≤ 0.3 s.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AS_OF = dt.date(2026, 12, 7)
RUNS = 5
PAGES = ["home", "goals", "metrics", "data", "monitor", "analyse", "adjust", "team", "settings"]


def _app(lang: str = "en"):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    return at


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def render(page: str):
    """A new session's first render of ``page`` (the Home page's run that opens the session is not timed)."""
    at = _app().run()
    if page == "home":
        return _timed(lambda: _app().run()), at
    seconds = _timed(lambda: at.switch_page(f"app_pages/{page}.py").run())
    return seconds, at


def _switch_period(at) -> None:
    radio = at.radio(key="monitor_period")
    radio.set_value("month" if radio.value == "week" else "week").run()


def _choose_kpi(at) -> None:
    at.selectbox(key="explain_kpi").select("new_customers").run()


def _choose_period(at) -> None:
    at.selectbox(key="explain_later_month").select_index(1).run()


def clicks() -> dict[str, float]:
    """Median reruns of a few clicks, each on a page just rendered by a new session."""
    steps = {
        "monitor_week_month": ("monitor", _switch_period),
        "analyse_kpi": ("analyse", _choose_kpi),
        "analyse_period": ("analyse", _choose_period),
    }
    out = {}
    for name, (page, click) in steps.items():
        times = []
        for _ in range(RUNS):
            _, at = render(page)
            started = time.perf_counter()
            click(at)
            times.append(time.perf_counter() - started)
        out[name] = round(statistics.median(times), 3)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["KPI_DB_URL"] = f"sqlite:///{folder}/bench.db"
        os.environ["KPI_TODAY"] = AS_OF.isoformat()
        import workflows
        from db.engine import make_engine, unit_of_work, upgrade

        engine = make_engine(os.environ["KPI_DB_URL"])
        upgrade(engine)
        with unit_of_work(engine) as session:
            workflows.seed_demo(session, "Demo shop", AS_OF, "en")
        for page in PAGES:  # the warm server: caches filled once
            render(page)
        pages = {page: round(statistics.median(render(page)[0] for _ in range(RUNS)), 3) for page in PAGES}
        result = {
            "runs": RUNS,
            "home_s": pages["home"],
            "pages_s": pages,
            "pages_over_1s": [p for p, s in pages.items() if s > 1.0],
            "clicks_s": clicks(),
        }
        result["clicks_over_0.3s"] = [c for c, s in result["clicks_s"].items() if s > 0.3]
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
