"""Numbers as goals are written: "3 млн", "4 тыс.", "4K", "50к", "2 000", "1,200" (English), number words
("двести", "полтора миллиона", "two hundred", "half a million") and fractions ("на треть", "by a quarter").

>>> spelled_out("полтора миллиона рублей"), spelled_out("two hundred and fifty new customers")
('1500000 рублей', '250 new customers')
>>> fractions_as_percent("снизить стоимость лида на треть")
'снизить стоимость лида на 33.33333333333333%'
"""

from __future__ import annotations

import itertools
import re

# a plain number: "2 500" (groups of three), "1.5", "2,5"; never a piece of a word or of another number ("cr2", "q3")
PLAIN = r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0]\d{3})+(?!\d)|\d+)(?:[.,]\d+)?"
SCALE_WORDS = r"тыс\.?|тысяч\w*|млн\.?|миллион\w*|млрд\.?|миллиард\w*|thousand|million|billion|mln|bn"
# a number with its scale: "3 млн", "4 тыс.", "4k", "4 k", "50к", "1.5m"
NUMBER = r"(" + PLAIN + r")(?:\s*(" + SCALE_WORDS + r")|(k|к|m)|\s(k))?(?![\w])"
SCALES = {"тыс": 1e3, "k": 1e3, "к": 1e3, "thousand": 1e3, "млн": 1e6, "m": 1e6, "mln": 1e6, "million": 1e6}
SCALES |= {"млрд": 1e9, "bn": 1e9, "billion": 1e9, "тысяч": 1e3, "миллион": 1e6, "миллиард": 1e9}

_RU_WORDS = {
    "ноль": 0,
    "один": 1,
    "одна": 1,
    "одну": 1,
    "одного": 1,
    "два": 2,
    "две": 2,
    "двух": 2,
    "три": 3,
    "трех": 3,
    "четыре": 4,
    "четырех": 4,
    "пять": 5,
    "пяти": 5,
    "шесть": 6,
    "шести": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "десяти": 10,
    "одиннадцать": 11,
    "двенадцать": 12,
    "пятнадцать": 15,
    "двадцать": 20,
    "тридцать": 30,
    "сорок": 40,
    "пятьдесят": 50,
    "шестьдесят": 60,
    "семьдесят": 70,
    "восемьдесят": 80,
    "девяносто": 90,
    "сто": 100,
    "двести": 200,
    "триста": 300,
    "четыреста": 400,
    "пятьсот": 500,
    "шестьсот": 600,
    "семьсот": 700,
    "восемьсот": 800,
    "девятьсот": 900,
    "полтора": 1.5,
    "полторы": 1.5,
    "полутора": 1.5,
    "полмиллиона": 500_000,
    "полтысячи": 500,
}
_EN_WORDS = dict(
    zip(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split(),
        range(20),
        strict=True,
    )
) | dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10), strict=True))
UNIT_WORDS: dict[str, float] = {**_RU_WORDS, **_EN_WORDS}
SCALE_OF_WORD = {"тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "тысячу": 1e3, "thousand": 1e3, "million": 1e6}
SCALE_OF_WORD |= {w: 1e6 for w in ("миллион", "миллиона", "миллионов")} | {"billion": 1e9}

# "на треть", "by a quarter", "наполовину": the part of the whole, as a share
FRACTIONS = (
    (r"(?<!\w)(на|by)\s+(?:две|two)\s+(трети|thirds)\b", 2 / 3),
    (r"(?<!\w)(на|by)\s+(?:одну\s+|a\s+|one\s+)?(треть|third)\b", 1 / 3),
    (r"(?<!\w)(на|by)\s+(?:одну\s+|a\s+|one\s+)?(четверть|quarter)\b", 1 / 4),
    (r"(?<!\w)(на|by)\s+(?:a\s+|one\s+)?(?:половину|half)\b(?!\s+a\s)", 1 / 2),
    (r"(?<!\w)(на)половину\b", 1 / 2),
)


def fractions_as_percent(text: str) -> str:
    """The sentence with "на треть", "by a quarter", "by half" written as the percent they are."""
    for pattern, share in FRACTIONS:
        text = re.sub(pattern, rf"\1 {100 * share!r}%", text)
    return text


def thousands_commas_removed(text: str) -> str:
    """English "1,200" and "1,250,000" as 1200 and 1250000 (a Russian comma is a decimal point)."""
    if re.search(r"[а-я]", text):
        return text
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


def _spelled(words: list[str], start: int) -> tuple[float, int]:
    """The number the words from ``start`` spell and how many words it takes (0 when they spell none)."""
    total = current = 0.0
    i, seen = start, False

    def at(k: int) -> str:
        return words[k] if k < len(words) else ""

    while i < len(words):
        word = words[i]
        if word in UNIT_WORDS:
            current += UNIT_WORDS[word]
        elif word == "hundred" and i > start:
            current = (current or 1) * 100
        elif word in SCALE_OF_WORD:
            total, current = total + (current or 1) * SCALE_OF_WORD[word], 0.0
        elif word == "a" and (at(i + 1) in SCALE_OF_WORD or at(i + 1) == "hundred"):
            i += 1
            continue
        elif word == "half" and at(i + 1) == "a" and at(i + 2) in SCALE_OF_WORD:
            current += 0.5
        elif word == "and" and seen and at(i + 1) == "a" and at(i + 2) == "half":
            current += 0.5
            i += 3
            continue
        elif word == "and" and seen and at(i + 1) in UNIT_WORDS:
            i += 1
            continue
        else:
            break
        seen = True
        i += 1
    return (total + current, i - start) if seen else (0.0, 0)


def spelled_out(text: str) -> str:
    """The sentence with its number words written in digits ("двести" → 200, "half a million" → 500000)."""
    tokens = list(re.finditer(r"[a-zа-я]+", text))
    words = [t.group(0) for t in tokens]
    # a number's words stand next to each other, with spaces or hyphens between ("twenty-five", "сто двадцать")
    linked = [bool(re.fullmatch(r"[\s-]*", text[a.end() : b.start()])) for a, b in itertools.pairwise(tokens)]
    pieces, last, i = [], 0, 0
    while i < len(tokens):
        end = i
        while end < len(linked) and linked[end]:
            end += 1
        after_digit = bool(re.search(r"\d\s*$", text[: tokens[i].start()]))  # "2 тысячи" is read as a number
        value, length = (0.0, 0) if words[i] in SCALE_OF_WORD and after_digit else _spelled(words[: end + 1], i)
        if not length:
            i += 1
            continue
        pieces += [text[last : tokens[i].start()], str(int(value)) if value == int(value) else repr(value)]
        last = tokens[i + length - 1].end()
        i += length
    return "".join([*pieces, text[last:]])


def read_number(digits: str, scale: str | None = None) -> float:
    """The value of a matched number and its scale word ("2 500" → 2500, "1,5" and "млн" → 1 500 000)."""
    value = float(re.sub(r"[\s\u00a0]", "", digits).replace(",", "."))
    word = (scale or "").strip().rstrip(".")
    stem = next((s for s in ("тысяч", "миллион", "миллиард") if word.startswith(s)), word)
    return value * SCALES.get(stem, 1.0)


def number_value(match: re.Match) -> float:
    """The value of a ``NUMBER`` match."""
    return read_number(match.group(1), match.group(2) or match.group(3) or match.group(4))
