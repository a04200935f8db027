"""Teams: a name, a lead and members; a new lead or a new member waits for a second person.

A lead opens aftercare cases for the members of their team and receives their requests for
aftercare. Were one administrator able to make themselves (or a second account) the lead of an
employee's team, or move the employee into a team they lead, they could open a case about that
employee. So, given by someone, a new lead and a new member take effect only once HR or another
administrator confirms, as a trusted role does: never the person concerned, never whoever
asked. Taking someone off a team, or renaming it, gives nobody anything and takes effect at once.
"""

from collections.abc import Iterable

from portal.core.accounts import notices, people
from portal.core.accounts.models import Person, Team, TeamChange, TeamMember
from portal.platform.clock import utcnow
from portal.platform.database import db

LEAD, MEMBER = "lead", "member"


class TeamNameTaken(people.AccountError):
    """Another team already has this name."""


class UnknownEmails(people.AccountError):
    """Some addresses given as team members belong to no account."""

    def __init__(self, emails: list[str]):
        super().__init__(emails)
        self.emails = emails


def save_team_by_emails(
    team: Team | None, name: str, lead_id: str, member_emails: str, by: Person | None = None
) -> Team:
    """Save a team from form input: a lead's id (or empty) and one member address per line."""
    emails = sorted({people.normalise_email(e) for e in member_emails.splitlines() if e.strip()})
    members = list(Person.select().where(Person.email.in_(emails))) if emails else []
    unknown = sorted(set(emails) - {p.email for p in members})
    if unknown:
        raise UnknownEmails(unknown)
    lead = Person.get_or_none(Person.id == int(lead_id)) if lead_id.isdigit() else None
    return save_team(team, name, lead, members, by=by)


def save_team(
    team: Team | None,
    name: str,
    lead: Person | None,
    members: Iterable[Person],
    by: Person | None = None,
) -> Team:
    """Create or change a team: its name, its lead and exactly these members.

    Given by someone, a new lead and new members wait for a second person (see confirm); the
    lead stays who it was until then. Without `by` (the demo, a script) all takes effect at once.
    """
    name = name.strip()
    clash = Team.select().where(Team.name == name)
    if team is not None:
        clash = clash.where(Team.id != team.id)
    if clash.exists():
        raise TeamNameTaken()
    wanted = {p.id: p for p in members}
    with db.atomic():
        if team is None:
            team = Team.create(name=name, lead=None)
        new_lead = lead is not None and lead.id != team.lead_id
        team.name = name
        if lead is None or not (new_lead and by):
            team.lead = lead
        team.save()
        held = {row.person_id for row in TeamMember.select().where(TeamMember.team == team)}
        TeamMember.delete().where(
            (TeamMember.team == team) & TeamMember.person.not_in(list(wanted))
        ).execute()
        added = [p for pid, p in wanted.items() if pid not in held]
        asked = [(LEAD, lead)] if new_lead and by else []
        asked += [(MEMBER, p) for p in added] if by else []
        if added and not by:
            TeamMember.insert_many([{"team": team, "person": p} for p in added]).execute()
        _keep_only(team, asked)
        for kind, person in asked:
            _ask(team, person, kind, by)
    return team


def _keep_only(team: Team, asked: list[tuple[str, Person]]) -> None:
    """Drop the waiting changes of this team that the form no longer asks for."""
    keep = {(kind, person.id) for kind, person in asked}
    for change in TeamChange.select().where(TeamChange.team == team):
        if (change.kind, change.person_id) not in keep:
            change.delete_instance()


def _ask(team: Team, person: Person, kind: str, by: Person) -> None:
    inserted = (
        TeamChange.insert(
            team=team, person=person, kind=kind, requested_by=by, requested_on=utcnow().date()
        )
        .on_conflict_ignore()
        .execute()
    )
    if inserted:
        notices.log(person, by, f"team_{kind}_asked")


def waiting(team: Team | None = None) -> list[TeamChange]:
    """Every team change waiting for a second person (of one team, if given), oldest first."""
    query = TeamChange.select().order_by(TeamChange.requested_on, TeamChange.id)
    return list(query.where(TeamChange.team == team) if team is not None else query)


def confirm(change_id: int, by: Person) -> TeamChange:
    """Make the new lead or member take effect; raise people.OwnRoleRequest or
    people.RoleRequestGone as for a role."""
    change = TeamChange.get_or_none(TeamChange.id == change_id)
    people.check_second_person(change, by)
    with db.atomic():
        if change.kind == LEAD:
            Team.update(lead=change.person).where(Team.id == change.team_id).execute()
        else:
            TeamMember.insert(team=change.team, person=change.person).on_conflict_ignore().execute()
        change.delete_instance()
        notices.log(change.person, by, f"team_{change.kind}_confirmed")
    return change


def decline(change_id: int, by: Person) -> None:
    """Drop a team change (anyone who may confirm may decline, also their own)."""
    change = TeamChange.get_or_none(TeamChange.id == change_id)
    if change is not None:
        change.delete_instance()
        notices.log(change.person, by, f"team_{change.kind}_declined")


def members_led_by(lead: Person):
    """Select the ids of the people in the teams this person leads (a subquery)."""
    return TeamMember.select(TeamMember.person).join(Team).where(Team.lead == lead).distinct()


def leads_of(person: Person):
    """Select the ids of the leads of the teams this person is in (a subquery)."""
    return (
        Team.select(Team.lead)
        .join(TeamMember)
        .where((TeamMember.person == person) & Team.lead.is_null(False))
        .distinct()
    )


def leads(lead: Person, person: Person) -> bool:
    """Tell whether `lead` leads a team that `person` is a member of."""
    return members_led_by(lead).where(TeamMember.person == person).exists()
