"""Hostile names in a real Chromium: shown as typed, never bold, coloured, an icon or a link.

The app runs on a database seeded with a custom KPI, goal, owner, action, workspace and source
whose names carry Markdown and autolink bait (tests/app/test_markdown_escaping.py). Each page's
visible text must hold the names exactly as typed (the invisible word joiners aside), and no
element Markdown makes (link, bold, italics, colour, icon) may come from them.
"""

from __future__ import annotations

import os

import pytest

from tests.app.test_markdown_escaping import HOSTILE, KPI_NAME, seed_hostile
from tests.browser.conftest import assert_no_exception, serve_app, wait_idle
from tests.conftest import TODAY

pytestmark = pytest.mark.browser

WJ = "\u2060"
# page in the sidebar → the hostile values it shows in a Markdown element
PAGES = {
    "Home": ["Spacey"],
    "1. Goals": ["Qwertygoal", "Owneroo"],
    "2. Metrics": [],  # its first goal is a demo goal; the KPI picker's options are not Markdown
    "4. Monitor": ["Session expired", "Qwertygoal", "Sourcey"],
    "5. Analyse": ["Qwertygoal"],
    "6. Adjust": ["Actionzz", "Session expired"],
    "Team & reports": [],
}
# what Markdown would have made of the names' syntax: the words it would wrap
WRAPPED = {"Bold", "Red", "G", "b", "a", "ws", "s", "r", "o", "c", "home", "Session expired - sign in again", "x"}


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    """The app on its own database, seeded before the server starts; stopped afterwards."""
    data = tmp_path_factory.mktemp("hostile")
    url = f"sqlite:///{data}/kpi.db"
    before = os.environ.get("KPI_TODAY")
    os.environ["KPI_TODAY"] = TODAY.isoformat()  # the seed's today is the app's
    try:
        seed_hostile(url)
    finally:
        if before is None:
            os.environ.pop("KPI_TODAY", None)
        else:
            os.environ["KPI_TODAY"] = before
    yield from serve_app(data, url)


def made_by_markdown(page) -> list[str]:
    """The text of every link, bold, italic, coloured or icon element inside Markdown output."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMarkdownContainer]')].flatMap(box =>
            [...box.querySelectorAll('a, strong, em, del, code, .stMarkdownColoredText, span[role=img], img')]
              .map(n => n.tagName + ' ' + (n.getAttribute('href') || '') + ' ' + n.innerText.trim()))"""
    )


def test_hostile_names_render_as_typed(hostile_app, browser, shots):
    context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(hostile_app)
    wait_idle(page)
    for title, markers in PAGES.items():
        page.locator("[data-testid=stSidebarNavLink]", has_text=title).first.click()
        wait_idle(page)
        if title == "1. Goals":  # open the hostile goal: its caption names the owner
            page.locator("[data-testid=stExpander] summary", has_text="Qwertygoal").first.click()
            page.wait_for_timeout(500)
        assert_no_exception(page, shots, f"escaping-{title.split()[-1].lower()}")
        body = page.inner_text("body").replace(WJ, "")
        for marker in markers:
            assert HOSTILE[marker] in body, (title, marker)  # as typed, no backslash, nothing lost
        made = made_by_markdown(page)
        assert not [m for m in made if m.startswith("A ") and "example" in m and not m.startswith("A #")], made
        assert not [m for m in made if m.split(" ", 2)[-1] in WRAPPED], (title, made)
        links = page.locator("a[href*='example']:not([href^='#'])")  # headings' own anchors aside
        assert links.count() == 0, (title, links.all_inner_texts())
    # the metric label of the custom KPI on Monitor, read as typed
    page.locator("[data-testid=stSidebarNavLink]", has_text="4. Monitor").first.click()
    wait_idle(page)
    labels = [t.replace(WJ, "") for t in page.locator("[data-testid=stMetricLabel]").all_inner_texts()]
    assert any(label.startswith(KPI_NAME) for label in labels), labels
    context.close()
