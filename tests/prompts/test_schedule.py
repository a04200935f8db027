"""The schedule's rules: rotation by month, HR's choice over it, the team's choice over both."""

from datetime import date

from portal.accounts.models import Person
from portal.prompts import library, schedule
from portal.prompts.models import MonthPrompt
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
    assert schedule.teams_led_by(Person.get(Person.email == "lead@example.test")) == [team]
