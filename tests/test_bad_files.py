"""Bad and hostile files: each imports correctly or exits 2 with one sentence, leaving the database as it was."""

import json
import sqlite3
from pathlib import Path

import pytest

from cli import main

BAD = Path(__file__).resolve().parent / "fixtures" / "exports" / "bad"

REFUSED = {
    "empty.csv": "The file is empty",
    "picture.csv": "This file looks binary",
    "truncated.xlsx": "This Excel file is damaged",
    "bomb.xlsx": "This spreadsheet unpacks to an unreasonable size",
    "wrong_encoding.csv": "No header with a date column",
    "no_date.csv": "The file has measures (sessions, orders) but neither a date column",
    "text_in_numbers.csv": "Column 'sessions' holds text where numbers belong",
    "long_single_column.csv": "No header with a date column",
    "html_without_table.xls": "This spreadsheet could not be read",
    "ole_garbage.xls": "This spreadsheet could not be read",
    "report.pdf": "Files of type .pdf cannot be imported",
    "letter.docx": "Files of type .docx cannot be imported",
    "numbers_only.csv": "No header with a date column",
    "empty_sheet.xlsx": "The file has no rows",
    "header_only.csv": "The file has a header but not one row of data",  # it made an empty source
}
# file: totals imported (or {} for a valid empty import)
IMPORTED = {
    "csv_renamed.xlsx": {"sessions": 22.0},
    "duplicate_headers.csv": {"sessions": 30.0},
    "formula_injection.csv": {"sessions": 60.0},
    "only_totals.csv": {},
    "negative_spend.csv": {"spend": 50.0, "clicks": 15.0},
    "future_dates.csv": {"orders": 3.0},
    "quoted_delimiters.csv": {"orders": 3.0},
    "ids_leading_zeros.csv": {"orders": 3.0},
    "mixed_dates.csv": {"orders": 4.0},
    "huge_numbers.csv": {"orders": 5.0},
    "ragged_rows.csv": {"orders": 6.0},
    "utf16_without_bom.csv": {"orders": 1.0},
    "control_chars.csv": {"orders": 1.0},
    "nan_and_inf.csv": {"orders": 4.0},
}


def test_every_bad_file_is_listed():
    assert sorted(REFUSED | IMPORTED) == sorted(p.name for p in BAD.iterdir())
    assert len(REFUSED) + len(IMPORTED) >= 25


def dump(db_path: Path) -> list:
    with sqlite3.connect(db_path) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table' order by name")]
        return [(t, conn.execute(f"select * from {t} order by 1").fetchall()) for t in tables]


@pytest.fixture
def seeded(tmp_path, capsys):
    db_path = tmp_path / "kpi.db"
    good = tmp_path / "shop.csv"
    good.write_text("date,sessions\n2026-03-01,5\n", encoding="utf-8")
    assert main(["import", str(good), "--workspace", "Shop", "--db", f"sqlite:///{db_path}"]) == 0
    capsys.readouterr()
    return db_path


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_one_sentence_and_nothing_changed(seeded, capsys, name):
    before = dump(seeded)
    code = main(["import", str(BAD / name), "--workspace", "Shop", "--db", f"sqlite:///{seeded}"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith(f"error: {REFUSED[name]}") and err.count("\n") == 1 and "Traceback" not in err
    assert dump(seeded) == before


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_imported_correctly(seeded, capsys, name):
    code = main(["inspect", str(BAD / name), "--db", f"sqlite:///{seeded}"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert json.loads(out)["totals"] == pytest.approx(IMPORTED[name])
    assert main(["import", str(BAD / name), "--workspace", "Shop", "--db", f"sqlite:///{seeded}"]) == 0
