import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from kpi_core.ingest import IngestError
from kpi_core.ingest.pipeline import parse_file
from kpi_core.ingest.pipeline import parse_file as read_generic
from kpi_core.ingest.reader import sniff_delimiter


def xlsx_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def totals(parsed) -> dict[str, float]:
    return parsed.observations.groupby("measure")["value"].sum().to_dict()


def test_english_csv_with_channels():
    data = (
        b"Date,Channel,Sessions,Orders,Revenue\n2026-03-02,Organic Search,100,2,3000.50\n2026-03-02,Direct,50,1,1000\n"
    )
    parsed = read_generic(data, "shop.csv")
    assert parsed.mapping == {"Sessions": "sessions", "Orders": "orders", "Revenue": "revenue"}
    assert sorted(parsed.observations["channel"].unique()) == ["direct", "organic"]
    assert totals(parsed) == {"orders": 3.0, "revenue": 4000.5, "sessions": 150.0}


def test_russian_cp1251_with_title_row_totals_and_decimal_comma():
    text = (
        "Отчёт магазина за март\n\n"
        "Дата;Визиты;Заказы;Выручка, руб.;Комментарий\n"
        "01.03.2026;1\u00a0200;24;48\u00a0000,50;акция\n"
        "02.03.2026;1\u00a0000;20;40\u00a0000,00;\n"
        "Итого;2\u00a0200;44;88\u00a0000,50;\n"
    )
    parsed = read_generic(text.encode("cp1251"), "март.csv")
    assert parsed.inspection.header_row == 2  # below the title and a blank line
    assert parsed.inspection.unmapped == ["Комментарий"]
    assert parsed.skipped == [(6, "totals row")]  # line 6 of the file
    assert totals(parsed) == {"orders": 44.0, "revenue": 88000.5, "sessions": 2200.0}
    assert parsed.observations["date"].min() == pd.Timestamp("2026-03-01")


def test_xlsx_with_real_dates():
    import datetime as dt

    data = xlsx_bytes([["Date", "Orders", "Spend"], [dt.date(2026, 3, 2), 5, 1500.5], [dt.date(2026, 3, 3), 7, 99]])
    parsed = read_generic(data, "ads.xlsx")
    assert totals(parsed) == {"orders": 12.0, "spend": 1599.5}


def test_delimiter_sniffing_ignores_commas_inside_numbers():
    assert sniff_delimiter(["Дата;Выручка", "01.03.2026;1 000,50"]) == ";"
    assert sniff_delimiter(["a\tb", "1\t2"]) == "\t"
    assert sniff_delimiter(["date,orders", "2026-01-01,3"]) == ","


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "The file is empty"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
        ("broken.xlsx", b"PK\x03\x04 truncated", "damaged"),
        ("notes.csv", "Заметки\nпозвонить поставщику\n".encode(), "No header with a date column"),
        (
            "no-date.csv",
            b"channel,sessions,orders\norganic,5,1\n",
            r"measures \(sessions, orders\) but neither a date column",
        ),
        ("text.csv", b"date,orders\n2026-01-01,many\n2026-01-02,few\n", "holds text where numbers belong"),
        ("report.pdf", b"%PDF-1.4", "cannot be imported"),
    ],
)
def test_bad_files_get_one_sentence(name, data, message):
    with pytest.raises(IngestError, match=message) as caught:
        read_generic(data, name)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("data", [b"date,sessions\n", b"date,sessions\n\n,\n", "Дата;Визиты\r\n".encode("cp1251")])
def test_a_header_only_file_is_refused_not_made_an_empty_source(data):
    """It made a source with nothing in it that could not be deleted."""
    with pytest.raises(IngestError) as caught:
        read_generic(data, "empty-period.csv")
    assert caught.value.key == "ingest.no_data_rows"


def direct_like(rows: int) -> bytes:
    lines = ['"Отчёт"', "Дата;Тип площадки;Клики;Расход (руб.)"]
    for i in range(rows):
        lines.append(f"{1 + i % 28:02d}.03.2026;{'поиск' if i % 2 else 'сети'};{i % 7};{i % 5},50")
    lines.append("Итого;;0;0")
    return "\n".join(lines).encode("cp1251")


@pytest.mark.parametrize("quoted_newline", [False, True])
def test_big_files_read_in_two_halves_give_the_same_result(monkeypatch, quoted_newline):
    from kpi_core.ingest import fastread

    data = direct_like(4000)
    if quoted_newline:  # a field running over two lines: the halves are refused, the whole is read
        data = data.replace(b"\n05.03.2026;", b'\n"05.03\n.2026";', 1)
    whole = read_generic(data, "d.csv")
    monkeypatch.setattr(fastread, "PARALLEL_MIN_BYTES", 1000)
    halves = read_generic(data, "d.csv")
    pd.testing.assert_frame_equal(whole.observations, halves.observations)
    assert whole.skipped == halves.skipped
    # with the broken date the row of i = 4 (4 clicks) has no date and is skipped
    assert halves.inspection.totals["clicks"] == sum(i % 7 for i in range(4000)) - (4 if quoted_newline else 0)


def test_negative_deal_amount_is_reported_at_its_own_line():
    """Rows without a date are dropped first; the suspicious row keeps its line number in the file."""
    text = (
        "ID,Название сделки,Бюджет,Дата создания сделки,Дата закрытия,Этап сделки,Воронка\n"  # line 1
        "1,Заказ А,10 000,,,Первичный контакт,Продажи\n"  # line 2: no date, skipped
        "2,Заказ Б,20 000,,,Переговоры,Продажи\n"  # line 3: no date, skipped
        "3,Заказ В,5 000,01.03.2026,05.03.2026,Успешно реализовано,Продажи\n"  # line 4
        "4,Заказ Г,-7 000,02.03.2026,06.03.2026,Успешно реализовано,Продажи\n"  # line 5: negative
    )
    parsed = parse_file(text.encode("utf-8"), "deals.csv", today=dt.date(2026, 12, 1))
    assert parsed.inspection.source == "amocrm"
    assert parsed.suspicious == [(5, "negative amount")]


def _query_cells(dates: list) -> "pd.DataFrame":
    import pandas as pd

    return pd.DataFrame([["day", "orders"], *[[d, 3] for d in dates]], dtype=object)


def test_query_dates_with_a_time_zone_keep_their_wall_clock_day():
    """PostgreSQL's timestamptz arrives as aware datetimes: 2 March 10:00 at +03:00 is 2 March."""
    import datetime as dt

    from kpi_core.ingest.pipeline import parse_cells

    moscow = dt.timezone(dt.timedelta(hours=3))
    cells = _query_cells([dt.datetime(2026, 3, 2, 10, 0, tzinfo=moscow), dt.datetime(2026, 3, 3, 1, 0, tzinfo=moscow)])
    parsed = parse_cells(cells, "query")
    assert parsed.observations["date"].dt.date.tolist() == [dt.date(2026, 3, 2), dt.date(2026, 3, 3)]
    assert parsed.observations["value"].sum() == 6.0


def test_an_aware_datetime_column_is_read_as_days():
    import pandas as pd

    from kpi_core.ingest.values import parse_date_column

    values = pd.Series(pd.to_datetime(["2026-03-02 23:30", "2026-03-03 00:10"]).tz_localize("Europe/Moscow"))
    assert [d.date().isoformat() for d in parse_date_column(values).values] == ["2026-03-02", "2026-03-03"]


def test_a_query_result_has_no_sheet():
    from kpi_core.ingest.pipeline import parse_cells

    assert parse_cells(_query_cells(["2026-03-02"]), "query").inspection.sheet is None


def test_a_field_longer_than_csv_s_default_limit_is_read():
    """A 200 KiB note in the first lines crashed the reader (field larger than field limit)."""
    from kpi_core.ingest.pipeline import parse_file

    data = b"date,note,orders\n2026-03-01," + b"x" * 200_000 + b",1\n2026-03-02,short,2\n"
    parsed = parse_file(data, "notes.csv")
    assert parsed.inspection.totals == {"orders": 3.0}


def test_an_unreadable_quoted_text_is_one_sentence():
    import pytest

    from kpi_core.ingest import IngestError
    from kpi_core.ingest.pipeline import parse_file

    with pytest.raises(IngestError):
        parse_file(b'date,orders\n2026-03-01,"1\x00\n', "nul.csv")
