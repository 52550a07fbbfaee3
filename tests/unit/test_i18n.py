import datetime as dt

import pytest

from kpi_core.i18n.formatting import (
    fmt_date,
    fmt_duration,
    fmt_money,
    fmt_percent,
    fmt_points,
    fmt_value,
    lang_from_locale,
    t,
)
from kpi_core.i18n.strings import STRINGS


def test_money_per_locale():
    assert fmt_money(1234.56, "RUB", "ru") == "1\xa0234,56\xa0₽"
    assert fmt_money(1234.56, "RUB", "en") == "₽1,234.56"
    assert fmt_money(-50, "USD", "en") == "−$50.00"
    assert fmt_money(None, "RUB", "ru") == "—"


def test_a_gap_between_percents_is_in_points():
    """+46.0 % against a plan of +28.6 % is 17.4 points ahead: «+17,4 %» read as a share of the plan."""
    assert fmt_points(46.0 - 28.6, "ru") == "+17,4\xa0п.п."
    assert fmt_points(2.1 - 2.35, "en") == "−0.2 pp"  # −0.25 rounds half to even
    assert fmt_points(0.04, "ru") == "0,0\xa0п.п."  # a gap that rounds to zero has no side
    assert fmt_points(None, "en") == "—"


def test_percent_duration_date():
    assert fmt_percent(2.5, "ru") == "2,5\xa0%"
    assert fmt_percent(2.5, "en") == "2.5%"
    assert fmt_duration(102) == "1:42"
    assert fmt_duration(3725) == "1:02:05"
    assert fmt_date(dt.date(2026, 3, 2), "en") == "Mar 2, 2026"
    assert fmt_value(float("nan"), "percent", "en") == "—"
    assert fmt_value(12345.0, "count", "ru") == "12\xa0345"


@pytest.mark.parametrize(
    ("locale", "lang"), [("ru-RU", "ru"), ("ru", "ru"), ("en-US", "en"), (None, "en"), ("de-DE", "en")]
)
def test_language_from_browser_locale(locale, lang):
    assert lang_from_locale(locale) == lang


def test_every_string_has_both_languages():
    missing = [key for key, entry in STRINGS.items() if not entry.get("ru") or not entry.get("en")]
    assert missing == []
    assert t("status.on_track", "en").endswith("On track")


def test_column_names_of_one_table_differ_in_each_language():
    # a table built from {label: values} loses a column when two labels translate alike
    tables: dict[str, list[str]] = {}
    for key in STRINGS:
        if ".col_" in key:
            tables.setdefault(key.split(".col_")[0], []).append(key)
    assert tables
    for lang in ("ru", "en"):
        for prefix, keys in tables.items():
            names = [STRINGS[k][lang] for k in keys]
            assert len(set(names)) == len(names), (prefix, lang, names)


def test_every_unit_has_a_name_and_a_format():
    from kpi_core.catalog.kpi import UNITS
    from kpi_core.catalog.registry import KPIS
    from kpi_core.i18n.formatting import fmt_value

    assert {k.unit for k in KPIS.values()} <= set(UNITS)
    for unit in UNITS:
        assert STRINGS[f"unit.{unit}"]["ru"] and STRINGS[f"unit.{unit}"]["en"]
    assert fmt_value(1234.6, "money", "ru") == "1\u00a0235\u00a0₽"
    assert fmt_value(0.125, "ratio", "en") == "0.12"


def test_no_fraction_of_a_person_and_money_to_the_unit():
    """The issue's figures: «Отказы 9 519,9», «Новые посетители 22 649,51», "New customers −18.8"."""
    from kpi_core.i18n.formatting import fmt_value

    assert fmt_value(9519.9, "count", "ru") == "9\xa0520"
    assert fmt_value(22649.51, "count", "ru") == "22\xa0650"
    assert fmt_value(-18.8, "count", "en") == "\u221219"  # a true minus, not a hyphen
    assert fmt_value(3.0, "count", "en") == "3"
    assert fmt_value(1234.56, "money", "ru", "RUB") == "1\xa0235\xa0₽"
    assert fmt_value(456.78, "money", "en", "RUB") == "₽457"  # whole roubles from 100 up
    assert fmt_value(29.7, "money", "en", "RUB") == "₽29.70"  # kopecks only under 100
    assert fmt_value(2.4567, "percent", "en") == "2.5%"  # rates to one decimal


def test_p_values_read_as_a_clause():
    from kpi_core.i18n.formatting import fmt_p

    assert fmt_p(0.0, "en") == "p < 0.001"  # the page said "p = 0"
    assert fmt_p(0.0449, "ru") == "p = 0,045"


def test_no_russian_verb_agrees_with_a_kpi_it_does_not_know():
    """«Заказы выросла на 20»: a KPI's, metric's or factor's name is of any gender and number, so no
    Russian sentence puts a past-tense verb right after one; the sentences say «рост на …» instead."""
    import re

    from kpi_core.i18n.strings import STRINGS

    agreeing = re.compile(r"\{(kpi|metric|factor)\}[*»]* (не |почти не )?\w+(ла|ло|ли|лся|лась|ил|ел|ал)\b")
    offenders = [key for key, text in STRINGS.items() if agreeing.search(text.get("ru", ""))]
    assert offenders == []


def test_import_times_are_local_and_a_browsers_zone_name_is_never_a_path():
    """History lines showed ISO UTC times; the zone comes from the browser, so anything may arrive."""
    import datetime as dt

    from kpi_core.i18n.formatting import fmt_moment

    at = dt.datetime(2026, 12, 7, 15, 32)
    assert fmt_moment(at, "ru", "Asia/Yekaterinburg") == "7 дек. 2026, 20:32"
    for zone in ["Europe", "../../etc/passwd", "x" * 300, "\x00", "", None, "Europe/"]:
        assert fmt_moment(at, "en", zone) == "7 Dec 2026, 15:32 UTC"


def test_counted_nouns_agree_with_their_number():
    """«41648 значений» had no grouping, and «1 значений» / "1 values" no agreement."""
    from kpi_core.i18n.formatting import Quantity

    said = {n: Quantity(n, "noun.values").text("ru") for n in (1, 2, 5, 21, 22, 111, 41648)}
    assert said == {
        1: "1 значение",
        2: "2 значения",
        5: "5 значений",
        21: "21 значение",
        22: "22 значения",
        111: "111 значений",
        41648: "41\xa0648 значений",
    }
    assert (
        Quantity(1, "noun.values").text("en") == "1 value"
        and Quantity(1648, "noun.values").text("en") == "1,648 values"
    )


def test_statuses_and_alerts_carry_no_emoji():
    """Status emoji (🟢 🟡 🔴 ⚪ ⏳ 🏁 ⛔) drew empty boxes on a machine without an emoji font:
    a status is a word, coloured as a badge by the page."""
    import unicodedata

    keys = [k for k in STRINGS if k.startswith(("status.", "alert.", "channels.best", "channels.worst"))]
    assert len(keys) >= 9
    for key in keys:
        for lang in ("ru", "en"):
            text = t(key, lang)
            assert not [c for c in text if unicodedata.category(c) == "So"], (key, lang, text)
