"""plain(): user and file text shown as typed by every element that renders Markdown.

Streamlit renders Markdown with remark (CommonMark + GFM) and its own text plugins. A backslash
stops the syntax, but some plugins run on the text *after* escapes are resolved: GFM's literal
autolinks (``www.…``, ``http://…``, ``a@b.ru``), Material icons (``:material/…:``), the
``:streamlit:`` logo, emoji shortcodes and arrows (``->`` shown as ``→``). The patterns below
are theirs (streamlit 1.67's bundle: mdast-util-gfm-autolink-literal, StreamlitMarkdown,
remark-emoji); a word joiner (U+2060) inside the pattern stops them and shows nothing.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui.widgets import plain

WJ = "\u2060"
# what CommonMark lets a backslash escape: ASCII punctuation
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# characters that start Markdown or Streamlit syntax anywhere in a line; "(", ")" and "-" need
# "[", "]" or the start of a line (a list item, "1)", a rule) to mean anything
ACTIVE = set("\\`*_{}[]#+!|<>~$:=&")
LINE_START = re.compile(r"^\s*(\d+[.)](?=\s|$)|-(?=[\s-]|$))")  # CommonMark's list markers, a rule
# the text-node transforms that ignore backslashes
URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE | re.ASCII)
EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII)
EMOJI = re.compile(r":\+1:|:-1:|:[\w-]+:", re.ASCII)
MATERIAL = re.compile(r":material_(\w+):", re.ASCII)
STREAMLIT = re.compile(r":streamlit:")
ARROWS = re.compile(r"(?:^|\s)(?:<->|->|<-|--|>=|<=|~=)(?:\s|$)")  # Streamlit's typography


def text_node(source: str) -> str:
    """The text a Markdown renderer keeps for ``source`` once its escapes are resolved
    (Streamlit first rewrites ``:material/`` to ``:material_`` in the raw source)."""
    return _ESCAPE.sub(r"\1", source.replace(":material/", ":material_"))


def unescaped_specials(source: str) -> list[str]:
    """Syntax characters in ``source`` that no backslash escapes."""
    found = [token for token in re.findall(r"\\[!-/:-@\[-`{-~]|.", source, re.DOTALL) if token in ACTIVE]
    return found + [m.group(0) for m in LINE_START.finditer(source)]


def transforms_hit(source: str) -> list[str]:
    text = text_node(source)
    patterns = (URL, EMAIL, EMOJI, MATERIAL, STREAMLIT, ARROWS)
    return [m.group(0) for pattern in patterns for m in pattern.finditer(text)]


def shown(source: str) -> str:
    """What a person reads: the text node without the invisible word joiners."""
    return text_node(source).replace(WJ, "")


HOSTILE = [
    "**Bold**",
    "__bold__ and _italic_ and *italic*",
    ":red[Red] :blue-background[x] :small[y]",
    "[Session expired - sign in again](http://evil.example)",
    "![img](http://evil.example/x.png)",
    "www.evil.example",
    "WWW.Evil.Example/path",
    "a@b.ru",
    "mailto:user@example.com",
    "http://x",
    "https://evil.example/a?b=c",
    "<http://evil.example>",
    "1. list",
    "1) list",
    "- item",
    "+ item",
    "> quote",
    "# heading",
    "Title\n===",
    "---",
    "$math$ and $$x^2$$",
    "`code` and ```fence```",
    "~~strike~~",
    "<b>bold</b> <img src=x onerror=alert(1)>",
    "AT&amp;T &lt;b&gt; &#65;",
    ":material/home: :streamlit: :rocket: :+1:",
    "a | b | c",
    "[^1] footnote",
    "- [ ] task",
    "ends with a backslash \\",
    "a -> b <- c <-> d -- e >= 1 <= 2 ~= 3",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_as_typed(text):
    source = plain(text)
    assert unescaped_specials(source) == []
    assert transforms_hit(source) == []
    assert shown(source) == " ".join(text.split())  # lines joined: Markdown would break them apart


def test_the_finding_s_name_loses_every_construct():
    name = "**Bold** :red[Red] [Session expired - sign in again](http://evil.example) www.evil.example"
    source = plain(name)
    assert "**" not in source and ":red[" not in source and not re.search(r"(?<!\\)\]\(", source)
    assert "www." not in source and "://" not in source
    assert shown(source) == name


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("www.evil.example", "www" + WJ + "."),
        ("WWW.evil.example", "WWW" + WJ + "."),
        ("a@b.ru", "@" + WJ),
        ("http://x", ":" + WJ + "//"),
        (":material/home:", ":" + WJ + "material/"),
    ],
)
def test_autolinks_and_shortcodes_are_broken_by_an_invisible_joiner(text, broken):
    assert broken in text_node(plain(text))


def test_numbered_lines_and_headings_stay_text():
    assert plain("1. list") == "1\\. list"
    assert plain("1) list") == "1\\) list"
    assert plain("- item") == "\\- item"
    assert shown(plain("---")) == "---" and plain("---").startswith("\\-")
    assert plain("# heading") == "\\# heading"
    assert plain("<b>x</b>") == "\\<b\\>x\\</b\\>"
    assert plain("`x`") == "\\`x\\`"
    assert plain("$x$") == "\\$x\\$"


def test_cyrillic_and_ordinary_text_are_untouched():
    name = "Выручка с рекламы «Весна» — 2026, ёлки"
    assert plain(name) == name
    for name in ("Cost per lead (CPL)", "Email-рассылки", "ДРР (доля рекламных расходов)", "2026-03", "31.02.2027"):
        assert plain(name) == name  # brackets and dashes inside a line start nothing
    assert plain("Цель: продажи") == "Цель\\: продажи"  # a colon before a space needs no joiner
    assert plain("") == "" and plain(None) == ""


def test_escaped_once_not_twice():
    assert "\\\\" not in plain("**x**")
    assert plain("a\\b") == "a\\\\b"  # a typed backslash is shown, as one backslash
    assert shown(plain("a\\b")) == "a\\b"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_any_text_reads_the_same_and_opens_no_syntax(text):
    source = plain(text)
    assert unescaped_specials(source) == []
    assert transforms_hit(source) == []
    assert shown(source) == re.sub(r"[ \t\n\r\f\v]+", " ", text.replace(WJ, ""))
