"""Team meetings: marking a prompt discussed, a team's history and HR's coverage."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from flask_babel import gettext as _
from peewee import JOIN

from portal.core.accounts.models import Person, Team
from portal.platform.database import Prepared, db
from portal.prompts.models import TeamDiscussion, TeamPrompt
from portal.prompts.schedule import Planned, Source, add_months, month_of, team_prompt

MAX_PRESENT = 1000
MAX_ACTION_POINTS = 2000
HISTORY_MONTHS = 12


class DiscussionError(Exception):
    """A discussion that cannot be recorded."""


class DateOutOfRange(DiscussionError):
    """The meeting date lies in the future, or before last month."""


class WrongCount(DiscussionError):
    """The number present is not a sensible whole number."""


class Status(StrEnum):
    DISCUSSED = "discussed"
    NOT_YET = "not_yet"  # the month is still running
    SKIPPED = "skipped"  # the month ended without a discussion
    NO_LEAD = "no_lead"  # nobody leads the team: nobody could have discussed it


def status_labels() -> dict[Status, str]:
    """Name each status in the reader's language."""
    return {
        Status.DISCUSSED: _("discussed"),
        Status.NOT_YET: _("not yet"),
        Status.SKIPPED: _("skipped"),
        Status.NO_LEAD: _("no lead"),
    }


@dataclass(frozen=True)
class Cell:
    month: date
    status: Status
    discussion: TeamDiscussion | None


@dataclass(frozen=True)
class CoverageRow:
    team: Team
    lead_name: str | None
    cells: list[Cell]


@dataclass(frozen=True)
class MonthCoverage:
    month: date
    discussed: int
    teams: int

    @property
    def percent(self) -> int:
        return round(100 * self.discussed / self.teams) if self.teams else 0


@dataclass(frozen=True)
class Coverage:
    year: int
    months: list[date]
    rows: list[CoverageRow]
    per_month: list[MonthCoverage]


def status_of(
    month: date, discussion: TeamDiscussion | None, today: date, has_lead: bool = True
) -> Status:
    if discussion is not None:
        return Status.DISCUSSED
    if not has_lead:
        return Status.NO_LEAD
    return Status.NOT_YET if month >= month_of(today) else Status.SKIPPED


def earliest_meeting_date(today: date) -> date:
    """Return the first date a meeting may be recorded for: the start of last month."""
    return add_months(month_of(today), -1)


def record_discussion(
    team: Team,
    held_on: date,
    present: int,
    action_points: str,
    lead: Person,
    today: date,
    standing_question_asked: bool = False,
) -> TeamDiscussion:
    """Record (or correct) that the team discussed the prompt of the meeting's month."""
    if held_on > today or held_on < earliest_meeting_date(today):
        raise DateOutOfRange(held_on)
    if not 1 <= present <= MAX_PRESENT:
        raise WrongCount(present)
    month = month_of(held_on)
    values = {
        "prompt": team_prompt(team, month).prompt_id,
        "held_on": held_on,
        "present": present,
        "action_points": (action_points or "").replace("\r\n", "\n").strip()[:MAX_ACTION_POINTS],
        "recorded_by": lead,
        "standing_question_asked": bool(standing_question_asked),
    }
    with db.atomic():
        row = TeamDiscussion.get_or_none(
            (TeamDiscussion.team == team) & (TeamDiscussion.month == month)
        )
        if row is None:
            return TeamDiscussion.create(team=team, month=month, **values)
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return row


def discussion_in(team: Team, month: date) -> TeamDiscussion | None:
    """Return the team's recorded discussion of a month, if any."""
    found = _DISCUSSION.rows(team.id, month)
    return found[0] if found else None


# Read on every view of "This month": its SQL is written once (database.Prepared).
_DISCUSSION = Prepared(
    lambda team_id, month: (
        TeamDiscussion.select()
        .where((TeamDiscussion.team == team_id) & (TeamDiscussion.month == month))
        .limit(1)
    )
)


@dataclass(frozen=True)
class TeamMonth:
    """A team a lead leads, the prompt it discusses this month and its discussion, if any."""

    team: Team
    planned: Planned
    discussion: TeamDiscussion | None


def teams_this_month(lead: Person, month: date, organisation: Planned) -> list[TeamMonth]:
    """Return the lead's teams by name, each with the prompt it discusses in the month (the
    lead's choice, else the organisation's) and its recorded discussion, in one query."""
    found = []
    for team in _TEAMS_THIS_MONTH.rows(lead.id, month, month):
        choice = getattr(team, "choice", None)
        discussion = getattr(team, "discussion", None)
        planned = (
            Planned(choice.prompt_id, Source.TEAM)
            if choice is not None and choice.prompt_id
            else organisation
        )
        found.append(TeamMonth(team, planned, discussion if discussion and discussion.id else None))
    return found


# "This month" reads them on every view: one round trip, its SQL written once.
_TEAMS_THIS_MONTH = Prepared(
    lambda lead_id, choice_month, discussion_month: (
        Team.select(Team, TeamPrompt.prompt, TeamDiscussion)
        .join(
            TeamPrompt,
            JOIN.LEFT_OUTER,
            on=(TeamPrompt.team == Team.id) & (TeamPrompt.month == choice_month),
            attr="choice",
        )
        .switch(Team)
        .join(
            TeamDiscussion,
            JOIN.LEFT_OUTER,
            on=(TeamDiscussion.team == Team.id) & (TeamDiscussion.month == discussion_month),
            attr="discussion",
        )
        .where(Team.lead == lead_id)
        .order_by(Team.name, Team.id)
    )
)


def team_history(team: Team, today: date, months: int = HISTORY_MONTHS) -> list[Cell]:
    """Return the team's last months, newest first, each with its status and discussion."""
    current = month_of(today)
    wanted = [add_months(current, -offset) for offset in range(months)]
    found = {
        row.month: row
        for row in TeamDiscussion.select().where(
            (TeamDiscussion.team == team) & TeamDiscussion.month.in_(wanted)
        )
    }
    return [Cell(m, status_of(m, found.get(m), today), found.get(m)) for m in wanted]


def coverage(year: int, today: date) -> Coverage:
    """Return every team by every month of the year that has begun, in two queries.

    A team without a lead counts neither as discussed nor as missed: its months say so, and
    a month's coverage is of the teams that have a lead (or discussed it all the same).
    """
    months = [date(year, n, 1) for n in range(1, 13) if date(year, n, 1) <= month_of(today)]
    teams = list(
        Team.select(Team, Person.display_name.alias("lead_name"))
        .join(Person, JOIN.LEFT_OUTER, on=(Team.lead == Person.id))
        .order_by(Team.name)
        .objects()
    )
    found = {}
    if months:
        rows = TeamDiscussion.select().where(TeamDiscussion.month.between(months[0], months[-1]))
        found = {(row.team_id, row.month): row for row in rows}
    rows = []
    for team in teams:
        has_lead = team.lead_id is not None
        cells = [
            Cell(m, status_of(m, found.get((team.id, m)), today, has_lead), found.get((team.id, m)))
            for m in months
        ]
        rows.append(CoverageRow(team, team.lead_name, cells))
    per_month = [
        MonthCoverage(
            m,
            sum(1 for row in rows if row.cells[i].status == Status.DISCUSSED),
            sum(1 for row in rows if row.cells[i].status != Status.NO_LEAD),
        )
        for i, m in enumerate(months)
    ]
    return Coverage(year, months, rows, per_month)


def _cell_text(value: str) -> str:
    """Keep a spreadsheet from reading a value as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def coverage_csv(
    cover: Coverage, headers: list[str], labels: dict[Status, str], titles: dict[int, str]
) -> str:
    """Return the coverage as CSV: one line per team and month, no action points, no names."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in cover.rows:
        for cell in row.cells:
            discussion = cell.discussion
            writer.writerow(
                [
                    _cell_text(row.team.name),
                    cell.month.strftime("%Y-%m"),
                    labels[cell.status],
                    discussion.held_on.isoformat() if discussion else "",
                    discussion.present if discussion else "",
                    _cell_text(titles.get(discussion.prompt_id, "")) if discussion else "",
                ]
            )
    return out.getvalue()
