"""The adviser's draft page leads with the texts to write (issue 23, item 5)."""

import re

from tests.insights.test_insights_pages import YEAR, adviser_client, en, fill_year


def test_the_draft_page_leads_with_the_texts_and_folds_the_hidden_cells_away(app, client):
    fill_year(app)
    adviser_client(client)
    page = en(client).get(f"/insights/{YEAR}/draft").get_data(as_text=True)
    order = [
        page.index('id="texts-heading"'),
        page.index('name="observations"'),
        page.index('id="publish-heading"'),
        page.index('id="figures-heading"'),
        page.index('id="hidden-heading"'),
    ]
    assert order == sorted(order), "texts, publish, figures, then the hidden cells"
    # The hidden cells are folded in a <details> (no script needed) after every figure.
    hidden = page[page.index('id="hidden-heading"') :]
    details = re.search(r"<details>\s*<summary>(.*?)</summary>(.*?)</details>", hidden, re.S)
    assert details, "the hidden cells fold away"
    assert re.match(r"\d+ counts are hidden before publishing", details.group(1))
    assert "fewer than 5" in details.group(2) and "<table" in details.group(2)
    before = page[: page.index('id="hidden-heading"')]
    # Before it, only the optional English texts fold away (closed while empty).
    assert re.findall(r"<details[^>]*>", before) == ['<details class="english-texts">']
    assert page.rindex("<svg") < page.index('id="hidden-heading"')
