"""The adviser's inbox: only my reports, filters, search, sort, paging, htmx rows, counters."""

from datetime import date, timedelta

from babel.dates import format_date

from portal.reports.models import Report
from portal.triage import inbox
from tests.conftest import make_adviser, sign_in_fully
from tests.factories import file_report, travel_to


def test_inbox_lists_only_reports_addressed_to_me(app):
    me = make_adviser()
    other = make_adviser(email="other@example.test", name="Other")
    mine = file_report([me.id]).report
    theirs = file_report([other.id]).report
    page = sign_in_fully(app.test_client(), me).get("/inbox/").get_data(as_text=True)
    assert mine.reference in page and theirs.reference not in page


def test_filters_search_and_htmx_fragment(app):
    me = make_adviser()
    integrity = file_report([me.id], category="violation").report
    bullying = file_report([me.id], category="bullying").report
    client = sign_in_fully(app.test_client(), me)
    page = client.get("/inbox/?track=integrity").get_data(as_text=True)
    assert integrity.reference in page and bullying.reference not in page
    page = client.get(f"/inbox/?q={bullying.reference[-4:].lower()}").get_data(as_text=True)
    assert bullying.reference in page and integrity.reference not in page
    fragment = client.get("/inbox/?category=bullying", headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and bullying.reference in text and integrity.reference not in text
    assert "HX-Request" in fragment.headers["Vary"]


def test_the_filter_bar_is_kept_per_choice_but_never_with_typed_text(app):
    me = make_adviser()
    other = make_adviser(email="other@example.test", name="Other")
    file_report([me.id])
    mine, theirs = sign_in_fully(app.test_client(), me), sign_in_fully(app.test_client(), other)
    bar = 'class="filters"'
    first = mine.get("/inbox/?status=closed&sort=oldest").get_data(as_text=True)
    second = theirs.get("/inbox/?status=closed&sort=oldest").get_data(as_text=True)
    for page in (first, second):
        assert '<option value="closed" selected>' in page and '"oldest" selected' in page
    assert (
        first[first.index(bar) :].split("</form>")[0]
        == second[second.index(bar) :].split("</form>")[0]
    )
    typed = mine.get("/inbox/?q=VW-2026-SEARCHED").get_data(as_text=True)
    assert 'name="q" value="VW-2026-SEARCHED"' in typed
    assert "VW-2026-SEARCHED" not in repr(app.extensions["published"])
    assert theirs.get("/inbox/").get_data(as_text=True).count("VW-2026-SEARCHED") == 0


def test_hostile_filter_values_are_ignored_not_errors(app):
    me = make_adviser()
    file_report([me.id])
    client = sign_in_fully(app.test_client(), me)
    for query in [
        "status=' OR 1=1 --",
        "sort=id;DROP TABLE report",
        "page=-5",
        "page=abc",
        "q=%27%22%3E%3Cscript%3E",
        "track[]=x",
    ]:
        response = client.get(f"/inbox/?{query}")
        assert response.status_code == 200, query
        assert "<script>" not in response.get_data(as_text=True)
    assert Report.select().count() == 1


def test_overdue_and_waiting_filters(app):
    me = make_adviser()
    today = date.today()
    late = file_report([me.id], category="violation", today=today - timedelta(days=8)).report
    fresh = file_report([me.id], category="violation").report
    page = inbox.search(me, inbox.Filters(overdue=True), today)
    assert [r.reference for r in page.rows] == [late.reference] and not page.has_next
    Report.update(last_message_from="reporter").where(Report.id == fresh.id).execute()
    page = inbox.search(me, inbox.Filters(waiting=True), today)
    assert [r.reference for r in page.rows] == [fresh.reference]


def test_sort_by_deadline_and_pagination(app):
    me = make_adviser()
    today = date.today()
    for days in range(0, 60):
        file_report([me.id], category="violation", today=today - timedelta(days=days % 6))
    page = inbox.search(me, inbox.Filters(sort="due"), today)
    assert (
        len(page.rows) == inbox.PAGE_SIZE and page.has_next and (page.first, page.last) == (1, 50)
    )
    dues = [r.ack_due_on for r in page.rows]
    assert dues == sorted(dues)
    second = inbox.search(me, inbox.Filters(sort="due", page=2), today)
    assert (
        len(second.rows) == 10 and not second.has_next and (second.first, second.last) == (51, 60)
    )
    client = sign_in_fully(app.test_client(), me)
    assert "page=2" in client.get("/inbox/").get_data(as_text=True)


def test_counters_on_the_home_page(app):
    me = make_adviser()
    today = date.today()
    file_report([me.id], category="violation", today=today - timedelta(days=9))
    file_report([me.id], category="bullying")
    counts = inbox.counters(me, today)
    assert (counts.new, counts.to_acknowledge, counts.overdue, counts.unread) == (2, 1, 1, 0)
    client = sign_in_fully(app.test_client(), me)
    client.post("/language", data={"locale": "en"})
    home = client.get("/").get_data(as_text=True)
    assert "To acknowledge" in home and "Overdue" in home


def test_inbox_page_uses_a_fixed_number_of_queries(app):
    from portal.platform.database import db

    me = make_adviser()
    client = sign_in_fully(app.test_client(), me)

    def queries_for_inbox() -> int:
        executed = []
        original = db.obj.execute_sql

        def counting(sql, params=None, *args, **kwargs):
            executed.append(sql)
            return original(sql, params, *args, **kwargs)

        db.obj.execute_sql = counting
        try:
            assert client.get("/inbox/").status_code == 200
        finally:
            db.obj.execute_sql = original
        return len(executed)

    file_report([me.id])
    few = queries_for_inbox()
    for _ in range(10):
        file_report([me.id])
    assert queries_for_inbox() == few


def test_each_row_names_its_next_deadline_in_words(app, monkeypatch):
    me = make_adviser()
    travel_to(monkeypatch, date(2026, 11, 30))
    late = file_report([me.id], category="violation", today=date(2026, 11, 20)).report
    acknowledged = file_report([me.id], category="violation", today=date(2026, 11, 2)).report
    Report.update(acknowledged_on=date(2026, 11, 3), feedback_due_on=date(2027, 2, 3)).where(
        Report.id == acknowledged.id
    ).execute()
    talk = file_report([me.id], category="bullying", today=date(2026, 11, 27)).report
    client = sign_in_fully(app.test_client(), me)
    html = client.get("/inbox/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    rows = {r.split("</a>")[0].rsplit(">", 1)[-1]: r for r in html.split("<tr")[2:]}
    assert "ontvangst bevestigen uiterlijk 27 november 2026" in rows[late.reference]
    assert "over de termijn" in rows[late.reference]
    assert "terugkoppeling uiterlijk 3 februari 2027" in rows[acknowledged.reference]
    assert "over de termijn" not in rows[acknowledged.reference]
    contact_day = format_date(talk.contact_due_on, "d MMMM y", locale="nl")
    assert f"eerste contact uiterlijk {contact_day}" in rows[talk.reference]
