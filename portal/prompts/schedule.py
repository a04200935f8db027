"""Which prompt a team discusses in a month: the team lead's choice, HR's, or the rotation."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from portal.core.accounts.models import Person, Team
from portal.platform import clock
from portal.platform.clock import utcnow
from portal.platform.database import db
from portal.prompts.library import ordered
from portal.prompts.models import MonthPrompt, Prompt, TeamPrompt


class ScheduleError(Exception):
    """A choice of prompt that cannot be carried out."""


class NotTheLead(ScheduleError):
    """The person does not lead this team (or the team does not exist)."""


class UnknownPrompt(ScheduleError):
    """No prompt has this id."""


class Source(StrEnum):
    ROTATION = "rotation"  # nobody chose: the library's order, one prompt per month
    ORGANISATION = "organisation"  # HR chose it for everyone
    TEAM = "team"  # the team lead chose it for their team


@dataclass(frozen=True)
class Planned:
    prompt_id: int | None  # None only while the library is empty
    source: Source


def month_of(day: date) -> date:
    """Return the first day of the day's month: months are kept as dates."""
    return day.replace(day=1)


def today() -> date:
    """Return today's date (server time); tests replace it to travel in time."""
    return clock.today()


def current_month() -> date:
    """Return the first day of this month."""
    return month_of(today())


def add_months(month: date, count: int) -> date:
    """Return the first day of the month `count` months later (or earlier, when negative)."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_of_year(year: int) -> list[date]:
    return [date(year, number, 1) for number in range(1, 13)]


def rotation(month: date, prompts: list[Prompt]) -> Prompt | None:
    """Return the default prompt of a month: January the first in the library, and so on."""
    return prompts[(month.month - 1) % len(prompts)] if prompts else None


def organisation_plan(months: list[date]) -> dict[date, Planned]:
    """Return the organisation's prompt per month: HR's choice, else the rotation."""
    prompts = ordered()
    chosen = {
        row.month: row.prompt_id
        for row in MonthPrompt.select().where(MonthPrompt.month.in_(months))
    }
    plan = {}
    for month in months:
        if month in chosen:
            plan[month] = Planned(chosen[month], Source.ORGANISATION)
        else:
            default = rotation(month, prompts)
            plan[month] = Planned(default.id if default else None, Source.ROTATION)
    return plan


def team_plan(team: Team, months: list[date]) -> dict[date, Planned]:
    """Return the team's prompt per month: the lead's choice, else the organisation's."""
    plan = organisation_plan(months)
    rows = TeamPrompt.select().where((TeamPrompt.team == team) & TeamPrompt.month.in_(months))
    for row in rows:
        plan[row.month] = Planned(row.prompt_id, Source.TEAM)
    return plan


def team_prompt(team: Team, month: date) -> Planned:
    """Return the prompt a team discusses in a month."""
    return team_plan(team, [month])[month]


def team_led_by(person: Person, team_id: int) -> Team:
    """Return the team when this person leads it; raise NotTheLead otherwise."""
    team = Team.get_or_none((Team.id == team_id) & (Team.lead == person))
    if team is None:
        raise NotTheLead(team_id)
    return team


def _prompt(prompt_id: int) -> Prompt:
    prompt = Prompt.get_or_none(Prompt.id == prompt_id)
    if prompt is None:
        raise UnknownPrompt(prompt_id)
    return prompt


def choose_for_team(team: Team, month: date, prompt_id: int | None, lead: Person) -> None:
    """Let the team discuss another prompt this month; None goes back to the organisation's."""
    with db.atomic():
        TeamPrompt.delete().where((TeamPrompt.team == team) & (TeamPrompt.month == month)).execute()
        if prompt_id is not None:
            TeamPrompt.create(team=team, month=month, prompt=_prompt(prompt_id), chosen_by=lead)


def set_organisation_prompts(choices: dict[date, int | None], hr: Person) -> None:
    """Set the organisation's prompt for each month given; None gives the month back to the rotation."""
    with db.atomic():
        for month, prompt_id in choices.items():
            current = MonthPrompt.get_or_none(MonthPrompt.month == month)
            if prompt_id is None:
                if current is not None:
                    current.delete_instance()
            elif current is None:
                MonthPrompt.create(month=month, prompt=_prompt(prompt_id), set_by=hr)
            elif current.prompt_id != prompt_id:
                current.prompt, current.set_by, current.set_at = _prompt(prompt_id), hr, utcnow()
                current.save()
