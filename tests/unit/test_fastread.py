"""The fast full read of a text file's body: Windows-1251 read as UTF-8 with escapes gives back the
file's own letters, whatever bytes they are, and the same rows as the byte-for-byte reading."""

from __future__ import annotations

import pandas as pd
import pytest

from kpi_core.ingest import fastread
from kpi_core.ingest.pipeline import parse_file

# Words whose Windows-1251 bytes are valid UTF-8 in part or whole: a capital letter before «—», «Ё»
# or «№» (CE 97 is UTF-8 for Greek Eta; «В№3» and «Сё» are UTF-8 throughout, so nothing in them is
# escaped). Read as UTF-8 and not turned back, they would come out as other letters.
TRICKY = ["ПРОМО—СКИДКИ", "МЁД", "Кампания №5", "Ёлка «Зима»", "В№3", "Сё", "поиск", "Search, brand"]


def body(rows: int, words: list[str]) -> bytes:
    lines = ["Дата;Кампания;Описание;Клики"]
    for i in range(rows):
        word = words[i % len(words)]
        lines.append(f'{1 + i % 28:02d}.03.2026;"{word}";{word} {i % 3};{i % 7}')
    return ("\r\n".join(lines) + "\r\n").encode("cp1251")


def read(data: bytes) -> pd.DataFrame:
    return fastread.read_text_table(data, "cp1251", ";", 1, None, [0, 1, 2, 3], ".", None, [0, 1], max_rows=10**6)


@pytest.mark.parametrize("halves", [False, True])
def test_windows_1251_text_comes_back_letter_for_letter(monkeypatch, halves):
    if halves:
        monkeypatch.setattr(fastread, "PARALLEL_MIN_BYTES", 1000)
    data = body(600, TRICKY)
    frame = read(data)
    assert len(frame) == 600
    assert sorted(frame[1].cat.categories) == sorted(TRICKY)  # the category column
    assert frame[2].tolist()[: len(TRICKY)] == [f"{w} {i % 3}" for i, w in enumerate(TRICKY)]  # a plain text column
    assert frame[3].sum() == sum(i % 7 for i in range(600))


def test_a_file_with_a_backslash_of_its_own_is_read_byte_for_byte(monkeypatch):
    """An escape could not be told from the file's own «\\xCE», so such a file is read as latin-1."""
    words = ["Акция \\xCE97 весна", "ПРОМО—СКИДКИ", "путь C:\\Отчёты"]
    monkeypatch.setattr(fastread, "PARALLEL_MIN_BYTES", 1000)
    frame = read(body(300, words))
    assert sorted(frame[1].cat.categories) == sorted(words)
    assert set(frame[2].str.rsplit(" ", n=1).str[0]) == set(words)


def test_both_readings_give_the_same_rows():
    """The escaped reading and the byte-for-byte one agree on every cell of a file they can both read."""
    data = body(500, TRICKY)
    escaped = read(data)
    options = ("cp1251", ";", 1, None, [0, 1, 2, 3], ".", None, [0, 1])
    plain = fastread.read_text_table(data + b"\\", *options, max_rows=10**6)  # a backslash: byte for byte
    plain = plain.iloc[:500]  # the added last line: one cell of «\»
    for column in (0, 1, 2):
        assert escaped[column].astype(str).tolist() == plain[column].astype(str).tolist()
    assert escaped[3].tolist() == plain[3].astype(int).tolist()


def test_a_large_windows_1251_export_imports_its_channels_and_totals(monkeypatch):
    monkeypatch.setattr(fastread, "PARALLEL_MIN_BYTES", 1000)
    lines = ['"Статистика"', "Дата;Тип площадки;Кампания;Клики;Расход (руб.)"]
    for i in range(3000):
        lines.append(f"{1 + i % 28:02d}.03.2026;{'поиск' if i % 2 else 'сети'};МЁД—{i % 9};{i % 5};{i % 4},25")
    lines.append("Итого;;;0;0")
    parsed = parse_file("\n".join(lines).encode("cp1251"), "direct.csv")
    totals = parsed.observations.groupby("channel")["value"].sum()
    assert set(parsed.observations["channel"]) == {"paid_search", "display"}
    assert parsed.inspection.totals["clicks"] == sum(i % 5 for i in range(3000))
    assert totals.sum() == pytest.approx(sum(i % 5 for i in range(3000)) + sum(i % 4 + 0.25 for i in range(3000)))


def _mapped(path, data: bytes):
    import mmap

    path.write_bytes(data)
    with path.open("rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _xlsx() -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Дата", "Показы", "Клики"])
    for day in range(1, 29):
        sheet.append([f"{day:02d}.03.2026", 100 + day, day])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FILES = {
    "windows-1251, halves": ("direct.csv", body(2000, TRICKY)),
    "utf-8 with a BOM": ("ga.csv", "\ufeffDate,Sessions\n" + "".join(f"2026-03-{d:02d},{d}\n" for d in range(1, 29))),
    "utf-8 with a cp1251 tail": (
        "mixed.csv",
        ("date,sessions\n" + "2026-03-01,5\n" * 30000 + "2026-03-02,7").encode() + " ё".encode("cp1251"),
    ),
    "lone CR line ends": ("mac.csv", "date;clicks\r01.03.2026;4\r02.03.2026;6\r"),
    "no line end at the end": ("short.csv", "date,orders\n2026-03-01,2\n2026-03-02,3"),
    "a spreadsheet": ("vk.xlsx", None),
}


@pytest.mark.parametrize("kind", list(FILES))
def test_a_mapped_file_reads_exactly_as_its_bytes(monkeypatch, tmp_path, kind):
    """Large uploads reach the parsing worker as a mapped file: every reading path gives the same."""
    monkeypatch.setattr(fastread, "PARALLEL_MIN_BYTES", 1000)
    name, text = FILES[kind]
    if text is None:
        data = _xlsx()
    elif isinstance(text, bytes):
        data = text
    else:
        data = text.encode()
    from_bytes = parse_file(data, name)
    from_map = parse_file(_mapped(tmp_path / name, data), name)
    pd.testing.assert_frame_equal(from_bytes.observations, from_map.observations)
    assert from_bytes.inspection == from_map.inspection and from_bytes.skipped == from_map.skipped
    assert not from_map.observations.empty
    if "cp1251" in kind:  # the whole file was checked for UTF-8: the tail's line is named
        assert any("30002" in str(w) for w in from_map.inspection.warnings)
