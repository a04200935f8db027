"""A finished look (issue 15) in Debian's Chromium: every radio button and checkbox of the report
form sits on the same line as its label, in both languages, and an empty submit shows one error
summary whose links lead to the fields.
"""

import pytest

from tests.browser.journeys import text

pytestmark = pytest.mark.browser


def open_one_page_form(v, lang: str) -> None:
    v.goto("/")
    if lang != "nl":
        v.switch_language(lang)
    v.goto("/report/form")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_choice_shares_a_line_with_its_label(visitor, lang):
    v = visitor(js=False)
    open_one_page_form(v, lang)
    page = v.page
    page.set_viewport_size({"width": 1280, "height": 900})
    inputs = page.locator("main form input[type='radio'], main form input[type='checkbox']")
    assert inputs.count() >= 15, "the report form lost its choices"
    checked = 0
    for i in range(inputs.count()):
        box = inputs.nth(i)
        ident = box.get_attribute("id")
        label = page.locator(f"label[for='{ident}']")
        assert label.count() == 1, f"{ident}: no label of its own"
        b, t = box.bounding_box(), label.bounding_box()
        assert b and t, f"{ident}: not shown"
        # Beside: the label starts right of the box, and their vertical extents overlap
        # (the box lines up with the label's first line).
        assert t["x"] >= b["x"] + b["width"], f"{ident}: the label is not beside its box"
        assert t["x"] - (b["x"] + b["width"]) < 24, f"{ident}: the label is far from its box"
        overlap = min(b["y"] + b["height"], t["y"] + t["height"]) - max(b["y"], t["y"])
        assert overlap > b["height"] / 2, f"{ident}: box and label are on different lines"
        checked += 1
    assert checked == inputs.count()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_empty_submit_shows_one_error_summary(visitor, lang):
    v = visitor(js=False)
    open_one_page_form(v, lang)
    page = v.page
    v.follow(page.locator("main form.form button[name='action'][value='review']"))
    assert v.path == "/report/form"
    summaries = page.locator(".error-summary")
    assert summaries.count() == 1, f"{summaries.count()} error summaries"
    assert summaries.locator("h2").inner_text().strip() == text(lang, "Please check the following")
    links = summaries.locator("a")
    assert links.count() >= 4
    for i in range(links.count()):
        target = links.nth(i).get_attribute("href")
        assert target.startswith("#") and page.locator(target).count() == 1, target
    messages = links.all_inner_texts()
    assert len(messages) == len(set(messages)), f"a message twice: {messages}"


def one_line(locator) -> bool:
    """Tell whether an element's text sits on one line (all its line boxes share a top)."""
    return locator.evaluate(
        """el => {
            const range = document.createRange();
            range.selectNodeContents(el);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.bottom)));
            return tops.size === 1;
        }"""
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tables_keep_references_and_dates_whole_and_coverage_fits(visitor, lang):
    from tests.browser.conftest import ADVISER, HR

    v = visitor(js=False)
    v.page.set_viewport_size({"width": 1280, "height": 900})
    v.goto("/")
    if lang != "nl":
        v.switch_language(lang)
    v.sign_in(ADVISER)
    v.goto("/inbox/")
    rows = v.page.locator("#inbox-rows tbody tr")
    assert rows.count() >= 3, "the demo adviser's inbox is empty"
    for i in range(rows.count()):
        for cell in (rows.nth(i).locator("td a").first, rows.nth(i).locator("td.nowrap")):
            assert one_line(cell), f"broken over lines: {cell.inner_text()!r}"
    assert v.page.get_by_text(text(lang, "No reports match.")).count() == 0

    hr = visitor(js=False)
    hr.page.set_viewport_size({"width": 1280, "height": 900})
    hr.goto("/")
    if lang != "nl":
        hr.switch_language(lang)
    hr.sign_in(HR)
    hr.goto("/")  # staff land on their today page; the tiles are on the home page
    tiles = hr.page.locator("ul.tiles > li").all()
    rows_of_tiles = {}
    for tile in tiles:
        rows_of_tiles.setdefault(round(tile.bounding_box()["y"]), []).append(tile)
    if len(tiles) > 1:
        assert all(len(r) > 1 for r in rows_of_tiles.values()), "a lone card on a row"
    hr.goto("/prompts/coverage")
    scroll = hr.page.locator(".table-scroll")
    overflow = scroll.evaluate("el => el.scrollWidth - el.clientWidth")
    assert overflow <= 0, f"the coverage table scrolls {overflow}px sideways at 1280px"
    # The footer's text starts where the content starts.
    main_x = hr.page.locator("main h1").bounding_box()["x"]
    footer_x = hr.page.locator(".site-footer p").bounding_box()["x"]
    assert abs(main_x - footer_x) < 2, (main_x, footer_x)
