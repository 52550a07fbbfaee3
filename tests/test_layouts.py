"""Real download layouts through the command line: every file imports with the totals worked out
by hand, its dates, grain, period and quality — or is refused with its sentence and changes
nothing. No file of the fixture set may exit 0 with a total other than the hand-computed one."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cli import main
from tests.fixtures.layouts import Case, all_cases
from tests.unit.test_exports import EXPORTS, GOOD

CASES = all_cases()


def _stored_totals(db_path: Path) -> dict[str, float]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("select measure, sum(value) from observations group by measure").fetchall()
    return {measure: round(total, 6) for measure, total in rows}


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_fixture_set_covers_every_layout_twice():
    prefixes = ("direct_wizard", "google_ads_campaigns", "ga4_", "meta_campaigns", "meta_daily", "metrica_api")
    for prefix in (*prefixes, "ga4_snapshot", "amocrm"):
        assert sum(c.name.startswith(prefix) for c in CASES) >= 2, prefix


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_layout_imports_with_its_hand_computed_result(tmp_path, capsys, case: Case):
    db_path = tmp_path / "kpi.db"
    path = tmp_path / case.file_name
    path.write_bytes(case.data)
    url = f"sqlite:///{db_path}"
    assert _run(capsys, "import", str(_seed(tmp_path)), "--workspace", "Shop", "--db", url)[0] == 0
    _counts_in(db_path, case.currency)
    before = _stored_totals(db_path)
    code, out, err = _run(capsys, "import", str(path), "--workspace", "Shop", "--db", url, *case.args)
    if case.refusal is not None:
        assert code == 2 and out == "" and "Traceback" not in err
        assert case.refusal in err and err.count("\n") == 1
        assert _stored_totals(db_path) == before
        return
    assert code == 0, err
    result = json.loads(out)
    stored = _stored_totals(db_path)
    added = {m: round(v - before.get(m, 0.0), 6) for m, v in stored.items() if round(v - before.get(m, 0.0), 6)}
    assert added == pytest.approx(case.totals)
    assert (result["date_min"], result["date_max"]) == (case.date_min, case.date_max)
    assert result["period"] == ({"start": case.period[0], "end": case.period[1]} if case.period else None)
    assert {key: result["quality"][key] for key in case.quality} == case.quality
    for piece in case.warnings:
        assert any(piece in warning for warning in result["warnings"]), (piece, result["warnings"])
    for piece in case.absent:
        assert not any(piece in warning for warning in result["warnings"]), (piece, result["warnings"])
    code, out, _ = _run(capsys, "inspect", str(path), "--db", url, *case.args)
    inspection = json.loads(out)
    assert code == 0 and inspection["grain"] == case.grain
    assert {m: round(v, 6) for m, v in inspection["totals"].items()} == pytest.approx(case.totals)


def _counts_in(db_path: Path, currency: str) -> None:
    """The workspace's currency, as chosen in Settings."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("update workspaces set currency = ?", (currency,))


def _seed(tmp_path: Path) -> Path:
    """Another source's day in the workspace, which no import may touch (spend on 1 Feb 2025)."""
    seed = tmp_path / "seed.csv"
    seed.write_text("date,spend\n2025-02-01,7\n", encoding="utf-8")
    return seed


@pytest.mark.parametrize("name", sorted(GOOD))
def test_earlier_fixtures_import_their_hand_computed_totals(tmp_path, capsys, name):
    db_path = tmp_path / "kpi.db"
    url = f"sqlite:///{db_path}"
    assert _run(capsys, "import", str(_seed(tmp_path)), "--workspace", "Shop", "--db", url)[0] == 0
    _counts_in(db_path, GOOD_CURRENCIES.get(name, "RUB"))
    before = _stored_totals(db_path)
    code, _out, err = _run(capsys, "import", str(EXPORTS / name), "--workspace", "Shop", "--db", url)
    assert code == 0, err
    added = {m: round(v - before.get(m, 0.0), 6) for m, v in _stored_totals(db_path).items()}
    assert {m: v for m, v in added.items() if v} == pytest.approx(GOOD[name][2])


GOOD_CURRENCIES = {"google_ads_report.csv": "USD"}  # its money is in dollars (Currency code USD)


def test_the_same_file_downloaded_twice_replaces_instead_of_doubling(tmp_path, capsys):
    """Browsers save a second download as "report (1).csv": the same bytes go to the same source."""
    db_path = tmp_path / "kpi.db"
    url = f"sqlite:///{db_path}"
    data = (EXPORTS / "yandex_metrica_sources.csv").read_bytes()
    for name in ("Источники, сводка.csv", "Источники, сводка (1).csv"):
        (tmp_path / name).write_bytes(data)
        code, out, err = _run(capsys, "import", str(tmp_path / name), "--workspace", "Shop", "--db", url)
        assert code == 0, err
    assert json.loads(out)["source"] == "Источники, сводка" and json.loads(out)["observations_replaced"] > 0
    assert _stored_totals(db_path) == pytest.approx(GOOD["yandex_metrica_sources.csv"][2])


def test_next_months_report_of_the_same_kind_joins_its_source(tmp_path, capsys):
    """A source per file name would leave the second month unread: one source per measure reads the first."""
    db_path = tmp_path / "kpi.db"
    url = f"sqlite:///{db_path}"
    months = {
        "visits-2026-03.csv": "date,sessions\n2026-03-01,10\n",
        "visits-2026-04.csv": "date,sessions\n2026-04-01,7\n",
    }
    for name, text in months.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        code, out, err = _run(capsys, "import", str(tmp_path / name), "--workspace", "Shop", "--db", url)
        assert code == 0, err
    assert json.loads(out)["source"] == "visits-2026-03"
    code, out, _ = _run(capsys, "series", "--workspace", "Shop", "--kpi", "sessions", "--period", "month", "--db", url)
    assert code == 0 and [p["value"] for p in json.loads(out)] == [10.0, 7.0]


def test_a_second_ad_accounts_report_never_replaces_the_first(tmp_path, capsys):
    """Same columns, another «Клиент:» line: its own source, nothing of the first account replaced."""
    db_path = tmp_path / "kpi.db"
    url = f"sqlite:///{db_path}"
    block = (
        "Клиент: {name}\nОтчет: Мастер отчетов\nПериод: 01.03.2026 - 31.03.2026\n\n"
        "Кампания;Показы;Клики;Расход (руб.)\n"
    )
    for account, spend in (("Лавка (lavka)", "1500,00"), ("Лавка — второй (lavka-2)", "350,00")):
        path = tmp_path / f"{spend}.csv"
        path.write_bytes((block.format(name=account) + f"Поиск;1000;50;{spend}\n").encode("cp1251"))
        code, out, err = _run(capsys, "import", str(path), "--workspace", "Shop", "--db", url)
        assert code == 0, err
        assert json.loads(out)["observations_replaced"] == 0
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("select source_id, sum(value) from observations where measure = 'spend' group by 1")
        assert sorted(total for _, total in rows) == [350.0, 1500.0]
