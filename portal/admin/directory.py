"""What the administrator's pages list: people (searched, paged, with their roles) and teams."""

from dataclasses import dataclass

from peewee import JOIN, fn

from portal.core.accounts.models import Person, PersonRole, Team, TeamMember
from portal.core.accounts.roles import Role, in_order

PAGE_SIZE = 50


@dataclass(frozen=True)
class PeoplePage:
    rows: list[Person]
    roles: dict[int, list[Role]]  # by person id
    page: int
    pages: int
    total: int


def search_people(query: str, page: int, page_size: int = PAGE_SIZE) -> PeoplePage:
    """Return one page of people whose name or e-mail address contains the query."""
    rows = Person.select().order_by(Person.display_name, Person.id)
    if query:
        pattern = f"%{query.lower()}%"
        rows = rows.where(
            fn.LOWER(Person.display_name).contains(query.lower()) | Person.email**pattern
        )
    total = rows.count()
    rows = list(rows.paginate(page, page_size))
    found: dict[int, list[str]] = {}
    for row in PersonRole.select().where(PersonRole.person.in_([p.id for p in rows])):
        found.setdefault(row.person_id, []).append(row.role)
    roles = {person_id: in_order(values) for person_id, values in found.items()}
    return PeoplePage(rows, roles, page, max(1, -(-total // page_size)), total)


def teams_of(person: Person) -> list[Team]:
    """Return the teams the person leads or is a member of, by name (a lead need not be a
    member of the team they lead)."""
    member = TeamMember.select(TeamMember.team).where(TeamMember.person == person)
    return list(
        Team.select()
        .where((Team.lead == person) | Team.id.in_(member))
        .order_by(Team.name, Team.id)
    )


def teams_with_size() -> tuple[list[Team], dict[int, Person]]:
    """Return the teams (each with its member count as .size) and their leads by id."""
    rows = list(
        Team.select(Team, fn.COUNT(TeamMember.id).alias("size"))
        .join(TeamMember, on=(TeamMember.team == Team.id), join_type=JOIN.LEFT_OUTER)
        .group_by(Team.id)
        .order_by(Team.name)
    )
    leads = {
        p.id: p
        for p in Person.select().where(Person.id.in_([t.lead_id for t in rows if t.lead_id]))
    }
    return rows, leads


def possible_leads() -> list[Person]:
    """Return the active people with the team lead role, by name."""
    return list(
        Person.select()
        .join(PersonRole)
        .where((PersonRole.role == Role.TEAM_LEAD.value) & (Person.active == True))
        .order_by(Person.display_name)
    )


def member_emails(team: Team) -> list[str]:
    """Return the e-mail addresses of a team's members, sorted."""
    members = Person.select().join(TeamMember).where(TeamMember.team == team).order_by(Person.email)
    return [p.email for p in members]
