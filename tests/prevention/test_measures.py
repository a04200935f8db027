"""HR's register of prevention measures (#24 item 4): every route and rule; a measure links to
the yearly report's recommendation by its stable uid and shows on next year's draft."""

from datetime import date

import pytest

from portal.core.accounts.roles import Role
from portal.insights.models import YearlyRecommendation
from portal.prevention.models import Measure
from tests.conftest import signed_in_client
from tests.factories import hr_client, in_english

YEAR = date.today().year
ROUTES = [
    ("GET", "/prevention/measures"),
    ("POST", "/prevention/measures"),
    ("GET", "/prevention/measures/1"),
    ("POST", "/prevention/measures/1"),
    ("POST", "/prevention/measures/1/done"),
    ("GET", "/prevention/inspection"),
    ("GET", "/prevention/inspection.pdf"),
]
GOOD = {
    "title": "Omgangsafspraken in elk teamoverleg",
    "owner": "Leidinggevenden",
    "due_on": f"{YEAR}-12-01",
    "status": "planned",
    "outcome": "",
    "recommendation_uid": "",
}


def recommendation(uid="rec-1", year=YEAR - 1, text="Train de leidinggevenden."):
    return YearlyRecommendation.create(uid=uid, year=year, position=0, text=text)


def a_measure(**changes) -> Measure:
    values = {**GOOD, "due_on": date(YEAR, 12, 1), "recommendation_uid": None} | changes
    return Measure.create(**values, created_on=date.today(), updated_on=date.today())


@pytest.mark.parametrize(
    "roles",
    [
        [Role.EMPLOYEE],
        [Role.EMPLOYEE, Role.TEAM_LEAD],
        [Role.ADVISER],
        [Role.ADMIN],
        [Role.MANAGEMENT],
    ],
)
def test_only_hr_may_open_any_route(app, client, roles):
    signed_in_client(client, roles)
    a_measure()
    for method, path in ROUTES:
        assert client.open(path, method=method).status_code == 403, (roles, path)
    assert Measure.get().status == "planned"


def test_signed_out_visitor_is_sent_to_sign_in(client):
    for method, path in ROUTES:
        response = client.open(path, method=method)
        assert response.status_code == 302 and "/sign-in" in response.location, path


def test_hr_adds_a_measure_linked_to_a_recommendation_by_its_uid(app, client):
    recommendation()
    hr_client(client)
    page = client.get("/prevention/measures").get_data(as_text=True)
    assert f"{YEAR - 1}: Train de leidinggevenden." in page  # a choice in the form
    response = client.post("/prevention/measures", data={**GOOD, "recommendation_uid": "rec-1"})
    assert response.status_code == 302
    measure = Measure.get()
    assert measure.recommendation_uid == "rec-1" and measure.due_on == date(YEAR, 12, 1)
    page = client.get("/prevention/measures").get_data(as_text=True)
    assert GOOD["title"] in page and "Train de leidinggevenden." in page


def test_the_link_survives_a_new_version_of_the_report(app, client):
    """A later version rewrites the recommendation's row (keep_recommendations): the uid stays."""
    from portal.insights import sections

    recommendation()
    a_measure(recommendation_uid="rec-1")
    sections.keep_recommendations(YEAR - 1, [{"uid": "rec-1", "text": "Train alle leiders."}])
    hr_client(client)
    assert "Train alle leiders." in client.get("/prevention/measures").get_data(as_text=True)
    sections.keep_recommendations(YEAR - 1, [])  # a version without it
    page = in_english(client).get("/prevention/measures").get_data(as_text=True)
    assert "Answers a recommendation no longer published." in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Say what the measure is."),
        ({"owner": "  "}, "Say who owns the measure."),
        ({"title": "x" * 201}, "Keep it under 200 characters."),
        ({"due_on": "1999-12-31"}, "Choose a due date between 2000 and 2100."),
        ({"due_on": "morgen"}, "Not a valid date value."),
        ({"status": "forgotten"}, "Not a valid choice."),
        ({"recommendation_uid": "made-up"}, "Not a valid choice."),
        ({"outcome": "x" * 2001}, "Keep it under 2000 characters."),
    ],
)
def test_bad_input_is_said_and_what_was_typed_stays(app, client, change, message):
    in_english(hr_client(client))
    response = client.post("/prevention/measures", data={**GOOD, "owner": "HR Noord"} | change)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    assert "HR Noord" in page or "owner" in change
    assert Measure.select().count() == 0


def test_dutch_message(app, client):
    hr_client(client)
    page = client.post("/prevention/measures", data={**GOOD, "title": ""}).get_data(as_text=True)
    assert "Zeg wat de maatregel is." in page


def test_hr_changes_a_measure_and_marks_one_done(app, client):
    recommendation()
    first, second = a_measure(), a_measure(title="Training")
    hr_client(client)
    assert client.get(f"/prevention/measures/{first.id}").status_code == 200
    changed = {
        **GOOD,
        "status": "in_progress",
        "outcome": "Half the teams did.",
        "recommendation_uid": "rec-1",
    }
    assert client.post(f"/prevention/measures/{first.id}", data=changed).status_code == 302
    first = Measure.get_by_id(first.id)
    assert (first.status, first.outcome, first.recommendation_uid) == (
        "in_progress",
        "Half the teams did.",
        "rec-1",
    )
    assert client.post(f"/prevention/measures/{second.id}/done").status_code == 302
    assert Measure.get_by_id(second.id).status == "done"
    bad = client.post(f"/prevention/measures/{first.id}", data={**GOOD, "title": ""})
    assert bad.status_code == 400 and Measure.get_by_id(first.id).title == GOOD["title"]


def test_unknown_measure_is_404(app, client):
    hr_client(client)
    assert client.get("/prevention/measures/99").status_code == 404
    assert client.post("/prevention/measures/99", data=GOOD).status_code == 404
    assert client.post("/prevention/measures/99/done").status_code == 404


def test_the_draft_shows_which_measures_answer_last_years_recommendation(app, client):
    from tests.conftest import make_adviser, sign_in_fully

    recommendation(uid="rec-1", year=YEAR - 1)
    a_measure(
        recommendation_uid="rec-1",
        title="Gesprekstraining",
        status="done",
        outcome="Alle leidinggevenden getraind.",
    )
    a_measure(title="Niet gekoppeld")
    sign_in_fully(client, make_adviser())
    page = in_english(client).get(f"/insights/{YEAR}/draft").get_data(as_text=True)
    followups = page[page.index('id="followups"') :]
    assert "HR's measures that answer it:" in followups
    assert "Gesprekstraining (Done: Alle leidinggevenden getraind.)" in followups
    assert "Niet gekoppeld" not in page


def test_home_offers_the_register_to_hr_only(app, client):
    hr_client(client)
    assert "/prevention/measures" in client.get("/").get_data(as_text=True)
    other = app.test_client()
    signed_in_client(other, [Role.MANAGEMENT], email="directie@example.test")
    assert "/prevention/measures" not in other.get("/").get_data(as_text=True)
