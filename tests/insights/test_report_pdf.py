"""The yearly report's PDF read back (issue 23, item 2): a cover, "Page x of N" on every page,
every chart label inside the page and inside its chart, hidden counts drawn as hidden, and the
narrative in the reader's language. The PDF is printed from the page's own templates."""

import io
from datetime import date

import pdfplumber
import pypdf
import pytest
from flask_babel import force_locale

from portal.insights import presentation
from portal.insights.models import YearlyReport
from tests.insights.helpers import consultation_row, report_row, sign_all
from tests.insights.test_insights_pages import YEAR, adviser_client, en, nl

DUTCH = "Meer meldingen over pesten in de buitendienst."
ENGLISH = "More reports of bullying in the field service."
ADVICE = "Train de leidinggevenden in het voeren van het gesprek."
REFERRALS = ["whistleblowers", "human_rights", "labour", "company_doctor"]


def fill(app):
    """A year with long labels (referrals), small and large cells, the year before too."""
    with app.app_context():
        for n in range(60):
            report_row(date(YEAR, 1 + n % 9, 3), ["bullying", "violation", "aggression"][n % 3])
        for _n in range(7):
            report_row(date(YEAR - 1, 2, 3), "bullying")
        report_row(date(YEAR, 4, 4), "online_harassment")  # one: a small cell to protect
        for n in range(48):
            consultation_row(
                date(YEAR, 1 + n % 10, 5),
                ["bullying", "aggression", "discrimination"][n % 3],
                outcome="referral",
                referral=REFERRALS[n % 4],
                visitor=["employee", "bystander", "lead"][n % 3],
            )


@pytest.fixture
def published(app, client):
    fill(app)
    adviser_client(client)
    client.post(
        f"/insights/{YEAR}/draft",
        data={"observations": DUTCH, "recommendations": ADVICE, "observations_en": ENGLISH},
    )
    with app.app_context():
        sign_all(YEAR)  # every listed adviser co-signs before publication
    assert client.post(f"/insights/{YEAR}/publish", data={"confirm": "y"}).status_code == 302
    return client


def pdf_bytes(client) -> bytes:
    response = client.get(f"/insights/{YEAR}/v1.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return response.data


def test_cover_page_numbers_and_english_narrative(published):
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(en(published))))
    texts = [page.extract_text() for page in reader.pages]
    pages = len(texts)
    assert pages >= 3
    cover = " ".join(texts[0].split())
    for expected in (
        "Vertrouwd",  # the organisation
        f"Yearly report {YEAR} of the confidential advisers",
        "Version",
        "Published on",
        "Signed by",  # the advisers who co-signed this version
        "Marieke Jansen",
    ):
        assert expected in cover, expected
    assert ENGLISH not in cover  # the cover is a page of its own
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {pages}" in text, number
    body = "\n".join(texts)
    assert ENGLISH in body and DUTCH not in body
    assert ADVICE in body and "(in Dutch)" in body  # no English recommendations: the Dutch
    assert reader.metadata.title == f"Yearly report {YEAR} of the confidential advisers"


def test_the_dutch_pdf_reads_dutch(published):
    texts = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_bytes(nl(published)))).pages]
    body = "\n".join(texts)
    assert DUTCH in body and ENGLISH not in body and "(in het Nederlands)" not in body
    assert f"Jaarverslag {YEAR}" in texts[0] and "Ondertekend door" in texts[0]
    assert all(f"Pagina {n} van {len(texts)}" in t for n, t in enumerate(texts, 1))


FRAME = tuple(int(presentation.FRAME[i : i + 2], 16) / 255 for i in (1, 3, 5))


def _frames(page) -> list[dict]:
    """The charts on a page: the light frame each chart draws around itself."""
    return [
        r
        for r in page.rects
        if r.get("stroking_color")
        and all(abs(a - b) < 0.01 for a, b in zip(r["stroking_color"], FRAME, strict=False))
    ]


@pytest.mark.parametrize("language", [en, nl])
def test_every_chart_label_lies_inside_the_page_and_its_chart(published, language):
    charts = labels = 0
    with pdfplumber.open(io.BytesIO(pdf_bytes(language(published)))) as pdf:
        for page in pdf.pages:
            words = page.extract_words(extra_attrs=["size"])
            for word in words:  # nothing on any page runs off it
                assert word["x0"] >= 0 and word["x1"] <= page.width, word["text"]
                assert word["top"] >= 0 and word["bottom"] <= page.height, word["text"]
            for frame in _frames(page):
                charts += 1
                scale = frame["width"] / (presentation.CHART_WIDTH + 6)
                bars_start = frame["x0"] + (presentation.LABEL_WIDTH + 3) * scale
                inside = [
                    w
                    for w in words
                    if frame["x0"] <= w["x0"] <= frame["x1"]
                    and frame["top"] <= w["top"] <= frame["bottom"]
                ]
                assert inside
                label_size = max(w["size"] for w in inside)  # 12 to the values' and legend's 11
                for word in inside:
                    assert word["x1"] <= frame["x1"] and word["bottom"] <= frame["bottom"]
                    if word["size"] > label_size - 0.1:  # a row's label: it ends before the bars
                        labels += 1
                        assert word["x1"] <= bars_start, word["text"]
    assert charts >= 5 and labels >= 30


def test_no_label_is_cut_and_long_ones_wrap():
    label = "Doorverwezen naar het Huis voor Klokkenluiders en nog veel verder dan dat"
    room = presentation.LABEL_WIDTH - 10
    lines = presentation.label_lines(label, room)
    assert len(lines) == 2 and all(presentation.text_width(line) <= room for line in lines)
    assert lines[1].endswith("…")  # the table beside the chart has it in full
    short = presentation.label_lines("Police", room)
    assert short == ["Police"]
    wrapped = presentation.label_lines("Whistleblowers Authority (Huis voor Klokkenluiders)", room)
    assert " ".join(wrapped) == "Whistleblowers Authority (Huis voor Klokkenluiders)"


def _table(cells):
    return {
        "key": "by_channel",
        "columns": [{"series": "consultations", "year": YEAR}],
        "rows": [
            {"dimension": "channel", "code": code, "level": 0}
            for code in ("phone", "email", "video")
        ],
        "cells": [[cell] for cell in cells],
    }


def test_hidden_counts_are_hatched_and_a_table_all_hidden_has_no_chart(app):
    shown = {"n": 40, "hidden": ""}
    small = {"n": None, "hidden": "small"}
    blanked = {"n": None, "hidden": "complementary"}
    with app.test_request_context(), force_locale("en"):
        svg = str(presentation.bar_chart(_table([shown, small, blanked]), 5, "c"))
        assert svg.count('class="chart-hidden"') == 2 + 1  # two cells and the legend's key
        assert 'width="0.0"' not in svg  # never a bar of length zero
        assert ">&lt; 5</text>" in svg and ">hidden</text>" in svg
        assert presentation.has_chart(_table([shown, small, blanked]))
        assert not presentation.has_chart(_table([small, blanked, small]))


def test_the_page_leaves_out_a_chart_when_every_count_is_hidden(published):
    page = en(published).get(f"/insights/{YEAR}/v1").get_data(as_text=True)
    # Two integrity reports' deadlines are too few: withheld, so no chart for those tables.
    block = page[page.index('id="t-integrity_acknowledged"') :]
    block = block[: block.index("</section>")]
    assert "No chart: every count in this table is hidden." in block and "<svg" not in block
    assert page.count('class="chart"') >= 5


def test_english_narrative_is_kept_with_the_version_and_shown_on_the_page(app, published):
    with app.app_context():
        report = YearlyReport.get()
        assert report.observations == DUTCH
        assert ENGLISH in report.english
    page = en(published).get(f"/insights/{YEAR}/v1").get_data(as_text=True)
    assert ENGLISH in page and DUTCH not in page
    assert '<span class="in-dutch">(in Dutch)</span>' in page and 'lang="nl"' in page
    dutch = nl(published).get(f"/insights/{YEAR}/v1").get_data(as_text=True)
    assert DUTCH in dutch and ENGLISH not in dutch
    draft = en(published).get(f"/insights/{YEAR}/draft").get_data(as_text=True)
    assert "The same texts in English (optional)" in draft and ENGLISH in draft


def test_a_version_published_before_english_existed_reads_dutch(app, published):
    with app.app_context():
        YearlyReport.update(english="").execute()
    page = en(published).get(f"/insights/{YEAR}/v1").get_data(as_text=True)
    assert DUTCH in page and page.count("(in Dutch)") == 2
