"""One date format per language, and the organisation's day, on every page that shows a report.

The server's clock says 23:30 UTC on 29 November 2026: in Amsterdam it is already 00:30 on
30 November. The report filed then, and the access-log entry of its opening, both belong to
30 November, written "30 november 2026" on Dutch pages and "30 November 2026" on English ones.
"""

import re
from datetime import UTC, datetime

import pytest

from portal.core.accounts.roles import Role
from portal.platform import clock
from tests.conftest import make_adviser, make_person, sign_in, sign_in_fully
from tests.factories import file_through_steps

LATE_EVENING_UTC = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
DAY = {"nl": "30 november 2026", "en": "30 November 2026"}
MOMENT = {"nl": "30 november 2026, 00:30", "en": "30 November 2026, 00:30"}
# Any other way of writing a date: ISO, numeric, abbreviated months, the UTC day before.
OTHER_FORMATS = re.compile(
    r"\b2026-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}-\d{1,2}-\d{4}\b"
    r"|\b\d{1,2} (nov|Nov|okt|Oct)\.?\b(?!ember)|\bNov(ember)? \d{1,2},|\b29 [Nn]ovember"
)


@pytest.fixture
def late_evening(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: LATE_EVENING_UTC)


def main_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.get_data(as_text=True)
    return html[html.index("<main") : html.index("</main>")]


def test_the_same_day_and_format_on_every_page_in_each_language(app, late_evening):
    with app.app_context():
        adviser = make_adviser()
        make_person(email="sanne@example.test", roles=(Role.EMPLOYEE,))
    reporter = app.test_client()
    sign_in(reporter, "sanne@example.test")
    reference, _code = file_through_steps(
        reporter,
        [adviser.id],
        overrides={
            "mode": {
                "mode": "confidential",
                "contact_name": "Sanne de Vries",
                "contact_email": "sanne@example.test",
            }
        },
    )
    staff = app.test_client()
    with app.app_context():
        sign_in_fully(staff, adviser)
    assert staff.get(f"/inbox/{reference}").status_code == 200  # the opening is logged

    for lang in ("nl", "en"):
        for client in (reporter, staff):
            client.post("/language", data={"locale": lang})
        pages = {
            "inbox": main_of(staff, "/inbox/"),
            "adviser's report": main_of(staff, f"/inbox/{reference}"),
            "my reports": main_of(reporter, "/my-reports/"),
            "reporter's report": main_of(reporter, f"/my-reports/{reference}"),
        }
        for name, html in pages.items():
            assert DAY[lang] in html, f"{lang} {name}: no {DAY[lang]!r}"
            other = OTHER_FORMATS.search(re.sub(r"<[^>]+>", " ", html))
            assert other is None, f"{lang} {name}: another date format: {other.group()!r}"
        # The access log and the reporter's list of openings: the day and the local time.
        assert MOMENT[lang] in pages["adviser's report"]
        assert MOMENT[lang] in pages["reporter's report"]


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_date_helper_of_the_templates_writes_the_one_format(app, locale):
    """Issue 28: English pages mixed "July 7, 2026" (Babel's "long" and "medium", through
    format_date and Flask-Babel's dateformat filter) with "7 July 2026" (the day filter)."""
    from datetime import date

    from flask import session

    day = date(2026, 7, 7)
    moment = datetime(2026, 7, 7, 12, 0, tzinfo=UTC)
    written = {"nl": "7 juli 2026", "en": "7 July 2026"}[locale]
    with app.test_request_context("/"):
        session["locale"] = locale
        template = app.jinja_env.from_string(
            "{{ format_date(d) }}|{{ format_date(d, 'long') }}|{{ format_date(d, 'medium') }}"
            "|{{ d | dateformat }}|{{ d | dateformat('long') }}|{{ d | day }}"
        )
        assert template.render(d=day).split("|") == [written] * 6
        month = app.jinja_env.from_string("{{ d | dateformat('LLLL yyyy') }}").render(d=day)
        assert month == {"nl": "juli 2026", "en": "July 2026"}[locale]  # a pattern of its own
        moments = app.jinja_env.from_string(
            "{{ format_datetime(m) }}|{{ format_datetime(m, 'short') }}|{{ m | moment }}"
        ).render(m=moment)
        assert moments.split("|") == [f"{written}, 14:00"] * 3
