"""Russian and English strings, and numbers, money and dates formatted per locale.

>>> fmt_money(1234.56, "RUB", "ru")
'1\\xa0234,56\\xa0₽'
>>> fmt_money(1234.56, "RUB", "en")
'₽1,234.56'
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, get_currency_symbol

from kpi_core.i18n.strings import STRINGS

LANGS = ("ru", "en")
NO_VALUE = "—"


def lang_from_locale(locale: str | None) -> str:
    """The UI language for a browser locale such as 'ru-RU' or 'en-US' (Russian for ru/uk/be/kk)."""
    if locale and locale.split("-")[0].split("_")[0].lower() in ("ru", "uk", "be", "kk"):
        return "ru"
    return "en"


class Count(int):
    """A whole number a message shows with the language's digit grouping ("1 048 576" / "1,048,576")."""


class Localised:
    """A message value written differently per language: ``t`` fills it with ``text(lang)``."""

    def text(self, lang: str) -> str:
        raise NotImplementedError


class Quantity(Localised):
    """A number with its noun in the right form: «1 значение», «3 значения», «41 648 значений», "1 value".

    ``noun`` is a string key whose text lists the forms by the language's plural categories, "|"-separated
    (Russian: one|few|many, English: one|other).

    >>> [Quantity(n, "noun.values").text(lang) for n, lang in ((41648, "ru"), (3, "ru"), (1, "en"))]
    ['41\xa0648 значений', '3 значения', '1 value']
    """

    def __init__(self, number: int, noun: str) -> None:
        self.number, self.noun = number, noun

    def text(self, lang: str) -> str:
        forms = (STRINGS[self.noun].get(lang) or STRINGS[self.noun]["en"]).split("|")
        order = ("one", "few", "many") if lang == "ru" else ("one", "other")
        category = Locale.parse(lang).plural_form(abs(self.number))
        word = forms[order.index(category)] if category in order else forms[-1]
        return f"{fmt_number(self.number, lang)} {word}"


def t(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled from ``values`` (a ``Count``
    grouped as the language writes numbers). ``lang`` "cli" is English as the command line says it
    (naming its options where the pages name their fields)."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    lang = "en" if lang == "cli" else lang
    if not values:
        return text
    return text.format(**{k: _value_text(v, lang) for k, v in values.items()})


def _value_text(value: object, lang: str) -> object:
    if isinstance(value, Count):
        return fmt_number(value, lang)
    if isinstance(value, Localised):
        return value.text(lang)
    return value


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _minus(text: str) -> str:
    """A formatted number with a true minus sign (Babel writes a hyphen), and none on a zero
    ("-0,0" → "0,0": a value that rounds to zero has no side)."""
    if not text.startswith("-"):
        return text
    rest = text[1:]
    return rest if not any(c in "123456789" for c in rest) else "\u2212" + rest


def fmt_number(value: float | None, lang: str, digits: int = 0) -> str:
    """A number with the locale's grouping and decimal mark, up to ``digits`` decimals.

    >>> fmt_number(-1234.5, "ru", 1), fmt_number(-0.04, "en", 1)
    ('−1\xa0234,5', '0')
    """
    if value is None or _missing(value):
        return NO_VALUE
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return _minus(format_decimal(value, format=pattern, locale=lang))


def currency_symbol(currency: str, lang: str) -> str:
    """The currency's sign; English lacks '₽', so the Russian sign is used where English has only a code."""
    symbol = get_currency_symbol(currency, locale=lang)
    if symbol == currency:
        symbol = get_currency_symbol(currency, locale="ru")
    return symbol


def fmt_money(value: float | None, currency: str, lang: str, digits: int = 2) -> str:
    """Money: '1 234,56 ₽' in Russian, '₽1,234.56' in English."""
    if value is None or _missing(value):
        return NO_VALUE
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    number = format_decimal(abs(value), format=pattern, locale=lang)
    sign = "−" if value < 0 else ""
    symbol = currency_symbol(currency, lang)
    return f"{sign}{number}\xa0{symbol}" if lang == "ru" else f"{sign}{symbol}{number}"


def fmt_percent(points: float | None, lang: str, digits: int = 1) -> str:
    """Percent points as text: 2.5 → '2,5 %' (ru) or '2.5%' (en)."""
    if points is None or _missing(points):
        return NO_VALUE
    number = _minus(format_decimal(points, format="#,##0" + ("." + "0" * digits if digits else ""), locale=lang))
    return f"{number}\xa0%" if lang == "ru" else f"{number}%"


def fmt_points(points: float | None, lang: str, digits: int = 1) -> str:
    """A gap between two percents, in percentage points and signed: a conversion of 2.4 % against a
    plan of 2.2 % is 0.2 points ahead, not «+0,2 %» (that would read as a share of 2.2 %).

    >>> fmt_points(17.44, "ru"), fmt_points(-0.25, "en"), fmt_points(0.01, "en")
    ('+17,4\xa0п.п.', '−0.2 pp', '0.0 pp')
    """
    if points is None or _missing(points):
        return NO_VALUE
    number = _minus(format_decimal(points, format="#,##0." + "0" * digits, locale=lang))
    sign = "+" if number[0].isdigit() and any(c in "123456789" for c in number) else ""
    return f"{sign}{number}\xa0п.п." if lang == "ru" else f"{sign}{number} pp"


def fmt_chance(p: float | None, lang: str) -> str:
    """A probability as a whole percent, never a certainty the data cannot give: a share of refits
    at 0 or 1 reads «больше 99 %» / "over 99%" (and "under 1%").

    >>> fmt_chance(1.0, "ru"), fmt_chance(0.874, "en"), fmt_chance(0.0, "en"), fmt_chance(None, "ru")
    ('больше 99\xa0%', '87%', 'under 1%', '—')
    """
    if p is None or _missing(p):
        return NO_VALUE
    if p > 0.99:
        return ("больше " if lang == "ru" else "over ") + fmt_percent(99, lang, 0)
    if p < 0.01:
        return ("меньше " if lang == "ru" else "under ") + fmt_percent(1, lang, 0)
    return fmt_percent(p * 100, lang, 0)


def fmt_p(p: float | None, lang: str) -> str:
    """A p-value as a reader takes it: 'p < 0.001' below a thousandth, else 'p = ' with three decimals at most.

    >>> fmt_p(0.0, "en"), fmt_p(0.00042, "ru"), fmt_p(0.0312, "en"), fmt_p(0.0312, "ru")
    ('p < 0.001', 'p < 0,001', 'p = 0.031', 'p = 0,031')
    """
    if p is None or _missing(p):
        return NO_VALUE
    if p < 0.001:
        return "p < " + format_decimal(0.001, format="0.000", locale=lang)
    return "p = " + format_decimal(p, format="0.0##", locale=lang)


def fmt_duration(seconds: float | None) -> str:
    """Seconds as m:ss or h:mm:ss."""
    if seconds is None or _missing(seconds):
        return NO_VALUE
    total = round(seconds)
    hours, rest = divmod(abs(total), 3600)
    minutes, secs = divmod(rest, 60)
    sign = "−" if total < 0 else ""
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"


def fmt_value(value: float | None, unit: str, lang: str, currency: str = "RUB") -> str:
    """A KPI value in its unit (catalog.kpi.UNITS: count, money, percent, ratio, duration, score)."""
    if unit == "percent":
        return fmt_percent(value, lang)
    if unit == "money":  # to the unit; kopecks only where they still matter, under 100
        large = value is not None and not _missing(value) and abs(value) >= 100
        return fmt_money(value, currency, lang, digits=0 if large else 2)
    if unit == "duration":
        return fmt_duration(value)
    if unit in ("ratio", "score"):
        return fmt_number(value, lang, 2 if unit == "ratio" else 1)
    if unit == "count":  # people, orders, visits: never a fraction of one
        return fmt_number(value, lang, 0)
    return fmt_number(value, lang, 0 if value is None or _missing(value) or abs(value) >= 100 else 1)


def fmt_date(day: dt.date | None, lang: str) -> str:
    """A date: '2 мар. 2026' / 'Mar 2, 2026'."""
    if day is None:
        return NO_VALUE
    return format_date(day, format="medium", locale=lang)


def fmt_moment(moment: dt.datetime | None, lang: str, zone: str | None = None) -> str:
    """A stored moment (UTC) in the reader's time zone: '7 дек. 2026, 18:32'; in UTC, saying so,
    when the zone is unknown.

    >>> at = dt.datetime(2026, 12, 7, 15, 32)
    >>> fmt_moment(at, "ru", "Europe/Moscow"), fmt_moment(at, "en", None), fmt_moment(at, "en", "Europe")
    ('7 дек. 2026, 18:32', '7 Dec 2026, 15:32 UTC', '7 Dec 2026, 15:32 UTC')
    """
    if moment is None:
        return NO_VALUE
    utc = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment
    if zone not in _zones():  # the browser's word: only a zone the database knows is looked up
        return format_datetime(utc, "d MMM y, HH:mm", locale=lang) + " UTC"
    return format_datetime(utc.astimezone(ZoneInfo(zone)), "d MMM y, HH:mm", locale=lang)


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def fmt_period(start: dt.date, end: dt.date, lang: str) -> str:
    """A review period in words: a calendar month by its name, a week by its days.

    >>> november = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    >>> fmt_period(*november, "ru"), fmt_period(*november, "en")
    ('ноябрь 2026', 'November 2026')
    >>> fmt_period(dt.date(2026, 11, 23), dt.date(2026, 11, 29), "ru")
    '23–29 ноября 2026'
    """
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1 and start.month == end.month:
        return format_date(start, "LLLL y", locale=lang)
    return fmt_span(start, end, lang)


def fmt_span(start: dt.date, end: dt.date, lang: str) -> str:
    """A period without day rows, in words: '1–31 марта 2026' / '1–31 Mar 2026', '4 дек. 2025 – 2 янв. 2026'.

    >>> march = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    >>> fmt_span(*march, "ru"), fmt_span(*march, "en")
    ('1–31 марта 2026', '1–31 Mar 2026')
    >>> fmt_span(dt.date(2025, 12, 4), dt.date(2025, 12, 31), "en")
    '4–31 Dec 2025'
    """
    if start.year == end.year and start.month == end.month:
        # Russian needs the month in the genitive («марта»), which babel gives after a day number
        month = format_date(start, "d MMMM", locale=lang).split(" ", 1)[1] if lang == "ru" else f"{start:%b}"
        return f"{start.day}–{end.day} {month} {start.year}"
    if start.year == end.year:
        first, last = format_date(start, "d MMM", locale=lang), format_date(end, "d MMM", locale=lang)
        return f"{first} – {last} {start.year}"
    return f"{fmt_date(start, lang)} – {fmt_date(end, lang)}"


def settings_note(spend_includes_vat: bool, vat_pct: float | None, margin_pct: float | None, lang: str) -> str:
    """The workspace settings that change the arithmetic (VAT taken out of spend, the margin ROMI
    uses), in words, said next to the numbers they change.

    >>> settings_note(True, 20.0, None, "en").split(". ")[0]
    'Spend without VAT (imported with VAT 20%)'
    """
    vat = t("note.vat_out", lang, vat=fmt_percent(vat_pct, lang, 0)) if spend_includes_vat else t("note.vat_none", lang)
    margin = (
        t("note.margin", lang, margin=fmt_percent(margin_pct, lang, 0)) if margin_pct else t("note.no_margin", lang)
    )
    return f"{vat} {margin}"
