"""The team pulse: members answer once a month without being named; a lead and HR read only
closed months, and only where at least five answered; HR's teams are suppressed beside the
organisation's figures."""

from datetime import UTC, date, datetime

from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.pulse import results
from portal.pulse.models import PulseAnswered, PulseBallot, PulseTally
from tests.conftest import make_person, sign_in
from tests.factories import in_english, make_team

ANSWERS = {"speak_up": "4", "respect": "5", "mistakes": "2", "where_to_go": "4", "online": "0"}
LAST_MONTH = datetime(2026, 11, 12, 10, 0, tzinfo=UTC)
THIS_MONTH = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: moment)


def member(app, n: int, team=None) -> tuple:
    """A signed-in member of the team (their key opened by their password)."""
    person = make_person(email=f"member{n}@example.test", name=f"Member {n}")
    client = in_english(app.test_client())
    sign_in(client, person.email)
    return person, client


def team_of(members, name="Zorgteam Noord", lead=None):
    return make_team(name, lead, list(members))


def test_a_member_answers_once_a_month_and_only_counts_are_kept(app, monkeypatch):
    at(monkeypatch, THIS_MONTH)
    person, client = member(app, 1)
    team = team_of([person])
    page = client.get("/pulse/").get_data(as_text=True)
    assert "Team pulse" in page and "nobody can see what you answered" in page
    sent = client.post("/pulse/", data={**ANSWERS, "team": team.id})
    assert sent.status_code == 302
    assert PulseAnswered.get().count == 1
    assert PulseTally.get(question="respect", answer=5).count == 1
    again = client.get("/pulse/").get_data(as_text=True)
    assert "You answered this month" in again
    twice = client.post("/pulse/", data={**ANSWERS, "team": team.id})
    assert twice.status_code == 200 and PulseAnswered.get().count == 1
    assert PulseBallot.select().count() == 1


def test_an_incomplete_answer_keeps_what_was_chosen(app, monkeypatch):
    at(monkeypatch, THIS_MONTH)
    person, client = member(app, 1)
    team = team_of([person])
    partial = dict(ANSWERS)
    del partial["online"]
    answer = client.post("/pulse/", data={**partial, "team": team.id})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "Choose an answer." in page
    assert '<input checked id="respect-4"' in page  # "strongly agree" stays chosen
    assert PulseAnswered.select().count() == 0


def test_a_member_of_another_team_cannot_answer_for_it(app, monkeypatch):
    at(monkeypatch, THIS_MONTH)
    person, client = member(app, 1)
    team_of([person])
    other = team_of([make_person(email="x@example.test", name="X")], name="Other team")
    answer = client.post("/pulse/", data={**ANSWERS, "team": other.id})
    assert answer.status_code == 200 and PulseAnswered.select().count() == 0


def test_someone_in_no_team_is_told_so(app):
    _, client = member(app, 1)
    assert "You are not in a team" in client.get("/pulse/").get_data(as_text=True)


def answered_by(app, monkeypatch, people_count: int, name: str, lead=None, start: int = 0):
    at(monkeypatch, LAST_MONTH)
    members = [member(app, start + n) for n in range(people_count)]
    team = team_of([p for p, _ in members], name=name, lead=lead)
    for _, client in members:
        assert client.post("/pulse/", data={**ANSWERS, "team": team.id}).status_code == 302
    return team


def lead_and_client(app):
    lead = make_person(
        email="lead@example.test", name="Lea Lead", roles=(Role.EMPLOYEE, Role.TEAM_LEAD)
    )
    client = in_english(app.test_client())
    sign_in(client, lead.email)
    return lead, client


def test_a_team_with_four_answers_shows_nothing_and_five_shows(app, monkeypatch):
    lead, client = lead_and_client(app)
    four = answered_by(app, monkeypatch, 4, "Four", lead=lead)
    five = answered_by(app, monkeypatch, 5, "Five", lead=lead, start=10)
    at(monkeypatch, THIS_MONTH)
    with app.app_context():
        figures = results.overview([four, five], date(2026, 12, 4), organisation=False).figures
    assert figures[(date(2026, 11, 1), four.id)].shown is False
    assert figures[(date(2026, 11, 1), five.id)].shown is True
    assert figures[(date(2026, 11, 1), five.id)].safe_share["respect"] == 100
    page = client.get("/pulse/results").get_data(as_text=True)
    assert "fewer than 5" in page and "100%" in page


def test_a_running_month_never_shows(app, monkeypatch):
    lead, client = lead_and_client(app)
    at(monkeypatch, THIS_MONTH)
    members = [member(app, n) for n in range(6)]
    team = team_of([p for p, _ in members], name="Busy", lead=lead)
    for _, c in members:
        c.post("/pulse/", data={**ANSWERS, "team": team.id})
    with app.app_context():
        figures = results.overview([team], date(2026, 12, 4), organisation=False).figures
    assert date(2026, 12, 1) not in {month for month, _ in figures}
    assert all(not f.shown for f in figures.values())


def test_complementary_suppression_hides_a_second_team_beside_a_small_one():
    assert results.suppress({1: 7, 2: 6, 3: 3}, 5) == {1}  # 3 alone would show by subtraction
    assert results.suppress({1: 7, 2: 6, 3: 0}, 5) == {1, 2}
    assert results.suppress({1: 7, 2: 6, 3: 5}, 5) == {1, 2, 3}
    # Two small teams hidden together still add up to fewer than 5: one more must go.
    assert results.suppress({1: 7, 2: 2, 3: 2, 4: 6}, 5) == {1}
    assert results.suppress({1: 7, 2: 2, 3: 2}, 5) == set()  # nothing beside the total


def test_who_may_read_the_results(app, monkeypatch):
    at(monkeypatch, THIS_MONTH)
    _, employee = member(app, 1)
    assert employee.get("/pulse/results").status_code == 403
    lead, client = lead_and_client(app)
    team_of([], name="Mine", lead=lead)
    team_of([], name="Someone else's")
    page = client.get("/pulse/results").get_data(as_text=True)
    assert "Mine" in page and "Someone else" not in page and "whole organisation" not in page


def test_no_answer_row_names_a_person_or_a_moment(app):
    for model in (PulseTally, PulseAnswered, PulseBallot):
        columns = {f.name: type(f).__name__ for f in model._meta.sorted_fields}
        assert not any("person" in name for name in columns), model
        assert "DateTimeField" not in columns.values(), model


def test_hr_sees_the_organisation_and_teams_with_complementary_suppression(app, monkeypatch):
    from tests.factories import hr_client

    six = answered_by(app, monkeypatch, 6, "Six", start=0)
    five = answered_by(app, monkeypatch, 5, "Five", start=10)
    three = answered_by(app, monkeypatch, 3, "Three", start=20)
    at(monkeypatch, THIS_MONTH)
    with app.app_context():
        figures = results.overview([six, five, three], date(2026, 12, 4), organisation=True)
    november = date(2026, 11, 1)
    assert figures.figures[(november, None)].answered == 14
    assert figures.figures[(november, six.id)].shown
    # Three is too small; Five is hidden beside it, or 14 - 6 - 5 would give Three away.
    assert figures.figures[(november, three.id)].hidden_because == "few"
    assert figures.figures[(november, five.id)].hidden_because == "beside"
    hr = in_english(app.test_client())
    hr_client(hr)
    page = hr.get("/pulse/results").get_data(as_text=True)
    assert "The whole organisation" in page and "hidden" in page and "fewer than 5" in page
