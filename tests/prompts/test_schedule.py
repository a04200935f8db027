"""The schedule's rules: rotation by month, HR's choice over it, the team's choice over both."""

from datetime import date

from portal.core.accounts.models import Person
from portal.prompts import library, meetings, schedule
from portal.prompts.models import MonthPrompt, TeamDiscussion, TeamPrompt
from tests.conftest import make_person
from tests.factories import make_team


def test_month_arithmetic():
    assert schedule.month_of(date(2026, 11, 18)) == date(2026, 11, 1)
    assert schedule.add_months(date(2026, 11, 1), 2) == date(2027, 1, 1)
    assert schedule.add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)
    assert len(schedule.months_of_year(2026)) == 12


def test_rotation_gives_january_the_first_prompt_and_repeats_yearly(app):
    prompts = library.ordered()
    assert schedule.rotation(date(2026, 1, 1), prompts) == prompts[0]
    assert schedule.rotation(date(2026, 12, 1), prompts) == prompts[11]
    assert schedule.rotation(date(2027, 3, 1), prompts) == prompts[2]
    assert schedule.rotation(date(2026, 5, 1), prompts[:3]) == prompts[1]  # short library wraps
    assert schedule.rotation(date(2026, 5, 1), []) is None


def test_team_choice_over_hr_choice_over_rotation(app):
    hr = make_person(email="hr@example.test")
    lead = make_person(email="lead@example.test")
    team = make_team("Noord", lead)
    november = date(2026, 11, 1)
    gifts, bystanders = library.find("gifts"), library.find("bystanders")
    assert schedule.team_prompt(team, november).source == schedule.Source.ROTATION
    schedule.set_organisation_prompts({november: gifts.id}, hr)
    assert schedule.team_prompt(team, november) == schedule.Planned(
        gifts.id, schedule.Source.ORGANISATION
    )
    schedule.choose_for_team(team, november, bystanders.id, lead)
    assert schedule.team_prompt(team, november) == schedule.Planned(
        bystanders.id, schedule.Source.TEAM
    )
    # HR changes its mind: the row is updated, not duplicated.
    schedule.set_organisation_prompts({november: bystanders.id}, hr)
    assert MonthPrompt.select().count() == 1 and MonthPrompt.get().prompt_id == bystanders.id


def test_only_the_lead_of_a_team_passes(app):
    lead = make_person(email="lead@example.test")
    someone = make_person(email="someone@example.test")
    team = make_team("Noord", lead)
    assert schedule.team_led_by(lead, team.id) == team
    for person, team_id in ((someone, team.id), (lead, 9999)):
        try:
            schedule.team_led_by(person, team_id)
        except schedule.NotTheLead:
            pass
        else:
            raise AssertionError("should be refused")
    lead_again = Person.get(Person.email == "lead@example.test")
    organisation = schedule.Planned(None, schedule.Source.ROTATION)
    listed = meetings.teams_this_month(lead_again, date(2026, 11, 1), organisation)
    assert [t.team for t in listed] == [team]
    assert meetings.teams_this_month(someone, date(2026, 11, 1), organisation) == []


def test_each_led_team_comes_with_its_own_month(app):
    lead = make_person(email="lead@example.test")
    chose, met, other = (make_team(name, lead) for name in ("B-team", "A-team", "C-team"))
    someone_elses = make_team("D-team", make_person(email="other@example.test"))
    prompts = library.ordered()
    november, october = date(2026, 11, 1), date(2026, 10, 1)
    TeamPrompt.create(team=chose, month=november, prompt=prompts[3])
    TeamPrompt.create(team=other, month=october, prompt=prompts[4])  # another month: not this one
    TeamDiscussion.create(team=met, month=november, held_on=date(2026, 11, 3), present=6)
    TeamDiscussion.create(team=someone_elses, month=november, held_on=november, present=2)
    organisation = schedule.Planned(prompts[10].id, schedule.Source.ROTATION)

    listed = meetings.teams_this_month(lead, november, organisation)

    assert [t.team.name for t in listed] == ["A-team", "B-team", "C-team"]
    by_name = {t.team.name: t for t in listed}
    assert by_name["B-team"].planned == schedule.Planned(prompts[3].id, schedule.Source.TEAM)
    assert by_name["A-team"].planned == by_name["C-team"].planned == organisation
    assert by_name["A-team"].discussion.present == 6
    assert by_name["B-team"].discussion is None and by_name["C-team"].discussion is None
