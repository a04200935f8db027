"""What needs each staff person today: a section per role they hold, each line a piece of work.

Built from the queries the work pages themselves use (the inbox, the aftercare overview, the
team's month, the requests waiting for a second person), a fixed number of them however much
work there is. A line carries only what its reader already sees where the work is done:
a report's reference and deadline, a case's reference and step, a team's name; never a
report's or a case's content.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from portal.aftercare import agenda
from portal.aftercare import overview as aftercare_overview
from portal.aftercare.models import CaseRequest
from portal.consent import sharing
from portal.core.accounts import people, step_resets
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.platform import backup_log, checks
from portal.prompts import meetings
from portal.prompts.schedule import Planned
from portal.reports import standin
from portal.reports.deadlines import is_overdue
from portal.reports.kinds import INTEGRITY
from portal.reports.status import Status
from portal.triage import inbox

# The roles that land on the today page after signing in; everyone else lands on the home page.
STAFF = (Role.ADVISER, Role.TEAM_LEAD, Role.HR, Role.ADMIN)
LINES_PER_GROUP = 20  # a longer list says "more" and links to the full page
WEEK = timedelta(days=6)  # today and the six days after it
SHARED_SINCE = timedelta(days=14)


def lands_on_today(roles: frozenset[Role]) -> bool:
    """Tell whether a person with these roles starts on the today page."""
    return bool(roles & set(STAFF))


# --- the adviser --------------------------------------------------------------------------


@dataclass
class AdviserDay:
    overdue: list = field(default_factory=list)
    to_acknowledge: list = field(default_factory=list)
    new: list = field(default_factory=list)
    requests: list = field(default_factory=list)  # conversation requests not yet answered
    waiting: list = field(default_factory=list)
    this_week: list = field(default_factory=list)
    summaries: list = field(default_factory=list)
    standing_in: list = field(default_factory=list)  # standin.StandInLine: colleagues away
    more_reports: bool = False
    more_summaries: bool = False

    @property
    def empty(self) -> bool:
        return not (
            self.overdue
            or self.to_acknowledge
            or self.new
            or self.requests
            or self.waiting
            or self.this_week
            or self.summaries
            or self.standing_in
        )


def adviser_day(adviser: Person, today: date) -> AdviserDay:
    """Sort the adviser's reports that need them into groups, each report once, in its most
    urgent group: overdue, to acknowledge, new, conversation requests to answer, waiting for a
    reply, a deadline this week."""
    rows = inbox.needing_attention(adviser, today, today + WEEK, LINES_PER_GROUP * 5)
    day = AdviserDay(more_reports=len(rows) > LINES_PER_GROUP * 5)
    for row in rows[: LINES_PER_GROUP * 5]:
        if is_overdue(row, today):
            group = day.overdue
        elif row.request:  # a conversation request: to answer, or a reply waiting
            if row.first_contact_on is None:
                group = day.requests
            elif row.last_message_from == "reporter":
                group = day.waiting
            else:
                continue  # answered: it waits for the person, not for the adviser
        elif row.status == Status.RECEIVED and row.track == INTEGRITY and row.ack_due_on:
            group = day.to_acknowledge
        elif row.status == Status.RECEIVED:
            group = day.new
        elif row.last_message_from == "reporter":
            group = day.waiting
        else:
            group = day.this_week
        if len(group) < LINES_PER_GROUP:
            group.append(row)
        else:
            day.more_reports = True
    summaries = sharing.summaries_to_write(adviser, LINES_PER_GROUP)
    day.summaries, day.more_summaries = (
        summaries[:LINES_PER_GROUP],
        len(summaries) > LINES_PER_GROUP,
    )
    day.standing_in = standin.reports_standing_in(adviser, today)[: LINES_PER_GROUP * 5]
    return day


# --- the team lead ------------------------------------------------------------------------


@dataclass
class LeadDay:
    checkins: list[agenda.DueCheckIn]
    steps: list[agenda.DueStep]
    teams: list[meetings.TeamMonth]  # teams that have not discussed this month's prompt

    @property
    def empty(self) -> bool:
        return not (self.checkins or self.steps or self.teams)


def lead_day(lead: Person, today: date, month: date, organisation: Planned) -> LeadDay:
    """Return the check-ins and steps due this week on the lead's cases, and the teams they
    lead that have not discussed this month's prompt yet."""
    until = today + WEEK
    return LeadDay(
        agenda.checkins_due(lead, "lead", until),
        agenda.steps_due(lead, "lead", until),
        [t for t in meetings.teams_this_month(lead, month, organisation) if t.discussion is None],
    )


# --- HR and the administrator: requests that wait for a second person ----------------------


@dataclass(frozen=True)
class Waiting:
    kind: str  # role, reset
    person_name: str
    role: Role | None
    asked_by: str
    asked_on: date
    mine_to_confirm: bool  # not about me, not asked by me


def waiting_requests(reader: Person) -> list[Waiting]:
    """Return the roles and second-step resets waiting for a second person, oldest first."""

    def line(kind: str, item, role: Role | None) -> Waiting:
        return Waiting(
            kind,
            item.person.display_name,
            role,
            item.requested_by.display_name if item.requested_by_id else "",
            item.requested_on,
            reader.id not in (item.person_id, item.requested_by_id),
        )

    roles = [line("role", r, Role(r.role)) for r in people.role_requests()]
    resets = [line("reset", r, None) for r in step_resets.waiting()]
    return sorted(roles + resets, key=lambda w: w.asked_on)


# --- HR -----------------------------------------------------------------------------------


@dataclass
class HrDay:
    help_asked: list[date]  # the days employees asked this person for aftercare
    requests: list[Waiting]
    shared: list[sharing.SharedLately]
    cases: list[aftercare_overview.Row]  # open cases with a date due this week or overdue

    @property
    def empty(self) -> bool:
        return not (self.help_asked or self.requests or self.shared or self.cases)


def hr_day(hr: Person, today: date, legal_help_days: int, requests: list[Waiting]) -> HrDay:
    """Return what waits for this HR person: aftercare asked of them, the roles and resets
    waiting (waiting_requests), summaries shared lately, and the overview's cases with a date
    this week."""
    asked = [
        row.asked_on
        for row in CaseRequest.select(CaseRequest.asked_on)
        .where((CaseRequest.addressee == hr) & (CaseRequest.status == "pending"))
        .order_by(CaseRequest.asked_on)
    ]
    until = today + WEEK
    cases = [
        row
        for row in aftercare_overview.open_cases(legal_help_days)
        if row.next_due_on and row.next_due_on <= until
    ]
    cases.sort(key=lambda row: row.next_due_on)
    return HrDay(
        asked,
        requests,
        sharing.shared_lately(hr, today - SHARED_SINCE),
        cases,
    )


# --- the administrator --------------------------------------------------------------------


@dataclass
class AdminDay:
    requests: list[Waiting]
    findings: list[checks.Finding]
    backup: backup_log.LastBackup | None

    @property
    def problems(self) -> list[checks.Finding]:
        """The findings to act on; the backup's has its own lines on the page."""
        return [f for f in self.findings if f.level != checks.OK and f.topic != "backup"]


def admin_day(app, requests: list[Waiting]) -> AdminDay:
    """Return the requests waiting for a second person (waiting_requests), what `portal check`
    finds without the network, and the last backup made on this server."""
    return AdminDay(requests, checks.without_network(app), backup_log.last(app.instance_path))
