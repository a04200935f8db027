"""The sections advisers write every year (issue 23, item 4): the activity register, the
context, recommendations and what became of them, reports open and closed at the year's end,
case duration, and co-signing before publication."""

import json
import re
from datetime import date, timedelta

import pytest

from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.insights import activities, figures, publication, signing, yearly
from portal.insights.models import AdviserActivity, YearlyRecommendation, YearlyReport
from tests.conftest import make_adviser, sign_in_fully, signed_in_client
from tests.insights.helpers import report_row, sign_all
from tests.insights.test_insights_pages import YEAR, adviser_client, en, fill_year, nl

ACTIVITY = {
    "month": "1",
    "kind": "training",
    "description": "Training omstanderskunde",
    "participants": "12",
}


def page_of(response) -> str:
    return response.get_data(as_text=True)


# --- who may do what ---------------------------------------------------------------


@pytest.mark.parametrize("roles", [[Role.EMPLOYEE], [Role.HR], [Role.MANAGEMENT], [Role.TEAM_LEAD]])
def test_nobody_but_advisers_keeps_the_register_or_writes_the_draft(app, client, roles):
    with app.app_context():
        adviser = make_adviser()
        entry = AdviserActivity.create(year=YEAR, month=1, kind="training", adviser=adviser)
    signed_in_client(client, roles, email="not-an-adviser@example.test")
    for method, url, data in [
        ("GET", f"/insights/{YEAR}/activities", None),
        ("POST", f"/insights/{YEAR}/activities", ACTIVITY),
        ("GET", f"/insights/activities/{entry.id}/edit", None),
        ("POST", f"/insights/activities/{entry.id}/edit", ACTIVITY),
        ("POST", f"/insights/activities/{entry.id}/delete", {}),
        ("POST", f"/insights/{YEAR}/draft/context", {"employees": "400"}),
        ("POST", f"/insights/{YEAR}/draft/recommendations", {"new": "Meer training"}),
        ("POST", f"/insights/{YEAR}/draft/followups", {}),
        ("POST", f"/insights/{YEAR}/sign", {}),
    ]:
        assert client.open(url, method=method, data=data).status_code == 403, url
    with app.app_context():
        assert AdviserActivity.select().count() == 1
        assert YearlyReport.select().count() == 0


# --- the activity register -----------------------------------------------------------


def test_adviser_adds_changes_and_deletes_an_activity(app, client):
    adviser_client(client)
    form = page_of(en(client).get(f"/insights/{YEAR}/activities"))
    assert "You are responsible for what you write here" in form
    response = client.post(f"/insights/{YEAR}/activities", data=ACTIVITY)
    assert response.status_code == 302
    with app.app_context():
        entry = AdviserActivity.get()
        assert (entry.month, entry.kind, entry.participants) == (1, "training", 12)
    listing = page_of(nl(client).get(f"/insights/{YEAR}/activities"))
    assert "Training omstanderskunde" in listing and "januari" in listing
    changed = client.post(
        f"/insights/activities/{entry.id}/edit", data={**ACTIVITY, "kind": "team_visit"}
    )
    assert changed.status_code == 302
    with app.app_context():
        assert AdviserActivity.get_by_id(entry.id).kind == "team_visit"
    assert client.post(f"/insights/activities/{entry.id}/delete").status_code == 302
    with app.app_context():
        assert AdviserActivity.select().count() == 0


def test_bad_activity_input_says_why_and_keeps_what_was_typed(app, client):
    adviser_client(client)
    response = en(client).post(
        f"/insights/{YEAR}/activities",
        data={"month": "", "kind": "", "description": "Lang verhaal", "participants": "veel"},
    )
    page = page_of(response)
    assert response.status_code == 400
    assert "Choose the month." in page and "Choose the kind of activity." in page
    assert 'value="Lang verhaal"' in page and 'value="veel"' in page
    too_long = client.post(
        f"/insights/{YEAR}/activities", data={**ACTIVITY, "description": "x" * 201}
    )
    assert too_long.status_code == 400 and "under 200 characters" in page_of(too_long)
    with app.app_context():
        assert AdviserActivity.select().count() == 0


def test_an_activity_in_a_month_still_to_come_is_refused(app):
    with app.app_context():
        adviser = make_adviser()
        data = activities.NewActivity(7, "training", "", None)
        with pytest.raises(activities.BadActivity):
            activities.add(2026, adviser, data, date(2026, 6, 30))
        with pytest.raises(activities.BadActivity):
            activities.add(
                2026, adviser, activities.NewActivity(5, "gossip", "", None), date(2026, 6, 30)
            )
        activities.add(
            2026, adviser, activities.NewActivity(6, "training", "", None), date(2026, 6, 30)
        )
        assert AdviserActivity.select().count() == 1


def test_another_adviser_cannot_change_or_delete_my_activity(app, client):
    adviser_client(client)
    client.post(f"/insights/{YEAR}/activities", data=ACTIVITY)
    client.post("/sign-out")
    adviser_client(client, "other@example.test")
    with app.app_context():
        entry_id = AdviserActivity.get().id
    assert client.get(f"/insights/activities/{entry_id}/edit").status_code == 404
    assert client.post(f"/insights/activities/{entry_id}/edit", data=ACTIVITY).status_code == 404
    assert client.post(f"/insights/activities/{entry_id}/delete").status_code == 404
    # The register is shared: the other adviser reads it, without the buttons.
    listing = page_of(client.get(f"/insights/{YEAR}/activities"))
    assert "Training omstanderskunde" in listing
    assert f"/insights/activities/{entry_id}/edit" not in listing


# --- context, recommendations, what became of them ---------------------------------


def test_context_is_prefilled_from_the_profiles_and_saved(app, client):
    with app.app_context():
        make_adviser("extern@example.test", "Els van Dam", external=True, organisation="Extern BV")
    adviser = adviser_client(client)
    draft = page_of(en(client).get(f"/insights/{YEAR}/draft"))
    with app.app_context():
        external = Person.get(email="extern@example.test")
    assert f'name="kind_{external.id}"' in draft
    chosen = re.search(rf'name="kind_{external.id}".*?</select>', draft, re.S).group(0)
    assert re.search(r'selected[^>]*value="external"|value="external"[^>]*selected', chosen)
    response = client.post(
        f"/insights/{YEAR}/draft/context",
        data={
            "employees": "420",
            f"listed_{adviser.id}": "y",
            f"kind_{adviser.id}": "internal",
            f"hours_{adviser.id}": "16",
            f"kind_{external.id}": "external",
            f"hours_{external.id}": "8",
        },
    )
    assert response.status_code == 302
    preview = page_of(client.get(f"/insights/{YEAR}/preview"))
    assert "Number of employees: 420" in preview
    assert "Marieke Jansen" in preview and "Els van Dam" not in preview  # not listed


def test_bad_hours_say_why_and_keep_what_was_typed(app, client):
    adviser = adviser_client(client)
    response = en(client).post(
        f"/insights/{YEAR}/draft/context",
        data={"employees": "420", f"listed_{adviser.id}": "y", f"hours_{adviser.id}": "900"},
    )
    page = page_of(response)
    assert response.status_code == 400
    assert "from 0 to 744" in page and 'value="900"' in page and 'value="420"' in page


def test_recommendations_get_a_stable_id_and_next_year_says_what_became_of_them(app, client):
    last = YEAR - 1
    fill_year(app, last)
    adviser_client(client)
    client.post(f"/insights/{last}/draft/recommendations", data={"new": "Train de leiding."})
    client.post(f"/insights/{last}/draft/recommendations", data={"new": "Schrap dit."})
    draft = page_of(en(client).get(f"/insights/{last}/draft"))
    assert "Train de leiding." in draft and "Schrap dit." in draft
    # Emptying a box removes that recommendation; the other keeps its id.
    names = re.findall(r'name="(rec_[^"]+)"', draft)
    assert len(names) == 2
    client.post(
        f"/insights/{last}/draft/recommendations",
        data={names[0]: "Train de leiding, ook nieuwe.", names[1]: ""},
    )
    client.post(f"/insights/{last}/sign")
    assert client.post(f"/insights/{last}/publish", data={"confirm": "y"}).status_code == 302
    with app.app_context():
        kept = list(YearlyRecommendation.select())
        assert [(r.year, r.text) for r in kept] == [(last, "Train de leiding, ook nieuwe.")]
        assert kept[0].uid == names[0].removeprefix("rec_")
        uid = kept[0].uid
    published = page_of(client.get(f"/insights/{last}/v1"))
    assert f'id="recommendation-{uid}"' in published
    # Next year's draft lists it with a status and a note.
    draft = page_of(client.get(f"/insights/{YEAR}/draft"))
    assert "Train de leiding, ook nieuwe." in draft and f'name="status_{uid}"' in draft
    saved = client.post(
        f"/insights/{YEAR}/draft/followups",
        data={f"status_{uid}": "in_progress", f"note_{uid}": "Twee groepen getraind."},
    )
    assert saved.status_code == 302
    preview = page_of(client.get(f"/insights/{YEAR}/preview"))
    assert "In progress" in preview and "Twee groepen getraind." in preview
    assert f"What became of the recommendations of {last}" in preview


def test_a_status_outside_the_list_is_refused(app, client):
    last = YEAR - 1
    with app.app_context():
        YearlyRecommendation.create(uid="r1", year=last, text="Train de leiding.")
    adviser_client(client)
    response = en(client).post(
        f"/insights/{YEAR}/draft/followups", data={"status_r1": "forgotten", "note_r1": "x"}
    )
    assert response.status_code == 400 and "Not a valid choice" in page_of(response)


# --- signing -------------------------------------------------------------------------


def two_advisers(app, client):
    with app.app_context():
        make_adviser("kofi@example.test", "Kofi Mensah")
    return adviser_client(client)


def test_publishing_waits_for_every_listed_adviser(app, client, mail_sink):
    fill_year(app)
    two_advisers(app, client)
    client.post(f"/insights/{YEAR}/draft", data={"observations": "Meer pesten."})
    refused = en(client).post(f"/insights/{YEAR}/publish", data={"confirm": "y"})
    assert refused.status_code == 302 and refused.headers["Location"].endswith("#signing")
    page = page_of(client.get(f"/insights/{YEAR}/draft"))
    assert "Not signed yet: Kofi Mensah, Marieke Jansen." in page
    client.post(f"/insights/{YEAR}/sign")
    client.post(f"/insights/{YEAR}/publish", data={"confirm": "y"})
    page = page_of(client.get(f"/insights/{YEAR}/draft"))
    assert "Not signed yet: Kofi Mensah." in page
    assert "signed on" in page
    with app.app_context():
        assert YearlyReport.select().count() == 0
    client.post("/sign-out")
    with app.app_context():
        kofi = Person.get(email="kofi@example.test")
    sign_in_fully(client, kofi)
    client.post(f"/insights/{YEAR}/sign")
    accepted = client.post(f"/insights/{YEAR}/publish", data={"confirm": "y"})
    assert accepted.status_code == 302 and accepted.headers["Location"].endswith("/v1")
    published = page_of(en(client).get(f"/insights/{YEAR}/v1"))
    assert "Signed by" in published and "Kofi Mensah" in published
    with app.app_context():
        sections = json.loads(YearlyReport.get().sections)
        assert [s["name"] for s in sections["signatures"]] == ["Kofi Mensah", "Marieke Jansen"]


def test_a_change_to_the_draft_withdraws_the_signatures_and_says_so(app, client):
    adviser = two_advisers(app, client)
    client.post(f"/insights/{YEAR}/sign")
    with app.app_context():
        assert len(signing.signatures(YEAR)) == 1
    changed = en(client).post(
        f"/insights/{YEAR}/draft", data={"observations": "Iets anders."}, follow_redirects=True
    )
    assert "the signatures are withdrawn (Marieke Jansen)" in page_of(changed)
    with app.app_context():
        assert signing.signatures(YEAR) == {}
    # An activity changes the report too.
    client.post(f"/insights/{YEAR}/sign")
    added = client.post(f"/insights/{YEAR}/activities", data=ACTIVITY, follow_redirects=True)
    assert "the signatures are withdrawn (Marieke Jansen)" in page_of(added)
    with app.app_context():
        assert signing.signatures(YEAR) == {}
    # Saving the same texts again changes nothing: the signature stands.
    client.post(f"/insights/{YEAR}/sign")
    client.post(f"/insights/{YEAR}/draft", data={"observations": "Iets anders."})
    with app.app_context():
        assert list(signing.signatures(YEAR)) == [adviser.id]


def test_an_adviser_not_listed_cannot_sign(app, client):
    kofi_id = None
    with app.app_context():
        kofi_id = make_adviser("kofi@example.test", "Kofi Mensah").id
    adviser = adviser_client(client)
    client.post(
        f"/insights/{YEAR}/draft/context",
        data={
            f"listed_{kofi_id}": "y",
            f"kind_{kofi_id}": "internal",
            f"kind_{adviser.id}": "internal",
        },
    )
    response = en(client).post(f"/insights/{YEAR}/sign", follow_redirects=True)
    assert "Only the advisers listed on the report sign it." in page_of(response)
    with app.app_context():
        assert signing.signatures(YEAR) == {}


# --- the new figures, suppressed ----------------------------------------------------


def test_open_and_closed_at_the_year_end_and_durations_are_suppressed(app):
    year = YEAR - 1
    with app.app_context():
        for n in range(22):  # closed in the year after 10 to 31 days
            received = date(year, 3, 1)
            report_row(received, closed_on=received + timedelta(days=10 + n))
        for _n in range(3):  # still open on 31 December: fewer than 5
            report_row(date(year, 11, 1))
        report_row(date(year, 12, 1), closed_on=date(year + 1, 1, 5))  # closed after the year
        built = figures.build(year, date(year + 1, 2, 1))
        column = built.tables["year_end"].columns[("reports", year)]
        assert (column["year_end:closed"], column["year_end:open"], column["total"]) == (22, 4, 26)
        rates = {r.key: r for r in built.rates if r.year == year}
        assert (rates["duration_q1"].value, rates["duration_median"].value) == (15.0, 20.0)
        assert rates["duration_q3"].value == 26.0 and rates["duration_median"].denominator == 22
        snap = publication.snapshot(built, 5)
        table = next(t for t in snap["tables"] if t["key"] == "year_end")
        cells = {r["code"]: c[0] for r, c in zip(table["rows"], table["cells"], strict=True)}
        assert cells["open"]["hidden"] == "small" and cells["open"]["n"] is None
        assert (
            cells["closed"]["hidden"] and cells["closed"]["n"] is None
        )  # or open = total - closed
        shown = {r["key"]: r for r in snap["rates"] if r["year"] == year}
        assert shown["duration_median"]["value"] == 20.0 and not shown["duration_median"]["hidden"]


def test_durations_over_a_small_group_are_not_shown(app, client):
    year = YEAR - 1
    with app.app_context():
        for n in range(4):
            report_row(date(year, 3, 1), closed_on=date(year, 3, 2 + n))
        snap = publication.snapshot(figures.build(year, date(year + 1, 2, 1)), 5)
        for key in ("duration_q1", "duration_median", "duration_q3"):
            rate = next(r for r in snap["rates"] if r["key"] == key and r["year"] == year)
            assert rate["value"] is None and rate["hidden"] == "small_group", key


def test_management_reads_only_the_published_sections(app, client):
    fill_year(app)
    adviser = adviser_client(client)
    client.post(f"/insights/{YEAR}/activities", data=ACTIVITY)
    client.post(
        f"/insights/{YEAR}/draft/context",
        data={
            "employees": "420",
            f"listed_{adviser.id}": "y",
            f"kind_{adviser.id}": "internal",
            f"hours_{adviser.id}": "16",
        },
    )
    client.post(f"/insights/{YEAR}/draft/recommendations", data={"new": "Train de leiding."})
    client.post(f"/insights/{YEAR}/sign")
    client.post(f"/insights/{YEAR}/publish", data={"confirm": "y"})
    client.post("/sign-out")
    signed_in_client(client, [Role.MANAGEMENT], email="boss@example.test")
    page = page_of(en(client).get(f"/insights/{YEAR}/v1"))
    for text in (
        "Number of employees: 420",
        "Train de leiding.",
        "Our activities",
        "Reports closed and still open at the year",
        "Case duration, receipt to closing: median",
        "Signed by",
    ):
        assert text in page, text
    assert "Training omstanderskunde" not in page  # descriptions stay among the advisers
    assert client.get(f"/insights/{YEAR}/draft").status_code == 403
    assert client.get(f"/insights/{YEAR}/activities").status_code == 403


def test_the_year_end_and_durations_of_a_published_year_stay_frozen(app):
    last = YEAR - 1
    with app.app_context():
        adviser = make_adviser()
        for n in range(30):
            report_row(date(last, 2, 1), closed_on=date(last, 3, 1 + n % 20))
        for _n in range(8):
            report_row(date(last, 10, 1))
        sign_all(last)
        first = yearly.publish(last, adviser, {}, "", date(YEAR, 1, 10), 5, notify=False)
        before = json.loads(first.figures)
        # Later, reports of that year turn up closed: next year's report still shows what
        # was published, in the table and in the durations.
        for _n in range(7):
            report_row(date(last, 5, 1), closed_on=date(last, 5, 2))
        snap = yearly.current_snapshot(YEAR, date.today(), 5)

        def year_end(s):
            table = next(t for t in s["tables"] if t["key"] == "year_end")
            at = next(j for j, c in enumerate(table["columns"]) if c["year"] == last)
            return [cells[at] for cells in table["cells"]]

        def durations(s):
            return [r for r in s["rates"] if r["year"] == last and r["key"].startswith("dur")]

        assert year_end(snap) == year_end(before)
        assert year_end(before)[0] == {"n": 30, "hidden": None}
        assert durations(snap) == durations(before) and durations(before)[1]["value"] == 35.0


def test_the_closing_tally_follows_a_report_closed_and_reopened(app):
    from portal.insights.models import InsightTally
    from portal.reports.models import Report

    last = YEAR - 1
    with app.app_context():
        report = report_row(date(last, 4, 2))

        def year_end():
            built = figures.build(last, date(YEAR, 2, 1))
            column = built.tables["year_end"].columns[("reports", last)]
            return column["year_end:closed"], column["year_end:open"]

        assert year_end() == (0, 1)
        Report.update(closed_on=date(last, 4, 12)).where(Report.id == report.id).execute()
        assert year_end() == (1, 0)
        rows = InsightTally.select().where(InsightTally.dimension == "closing", InsightTally.n > 0)
        assert [(r.period, r.code, r.n) for r in rows] == [(last * 10 + 2, f"{last}:10", 1)]
        Report.update(closed_on=date(YEAR, 1, 3)).where(Report.id == report.id).execute()
        assert year_end() == (0, 1)  # closed after 31 December: open at the year's end
        Report.update(closed_on=None).where(Report.id == report.id).execute()
        assert year_end() == (0, 1)
        assert (
            not InsightTally.select()
            .where(InsightTally.dimension == "closing", InsightTally.n != 0)
            .count()
        )
