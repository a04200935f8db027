"""A demo organisation for trying the portal: teams, one person per role, three advisers."""

from dataclasses import dataclass

from portal.advisers.models import AdviserProfile
from portal.aftercare import demo as aftercare_demo
from portal.core.accounts import keyring, people, teams
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.insights import demo as insights_demo
from portal.platform import clock
from portal.platform.database import db
from portal.prevention import demo as prevention_demo
from portal.prompts import demo as meetings_demo
from portal.pulse import demo as pulse_demo
from portal.record import demo as record_demo
from portal.reports import demo as conversation_demo
from portal.together import demo as together_demo
from portal.triage import demo as triage_demo
from portal.triage import handover_demo

DEMO_PASSWORD = "vertrouwd-demo-2026"  # noqa: S105 - printed for the demo on purpose


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    roles: tuple[Role, ...]
    note: str


DEMO_PEOPLE = [
    DemoPerson("medewerker@demo.test", "Sanne de Vries", (Role.EMPLOYEE,), "employee"),
    DemoPerson(
        "leidinggevende@demo.test", "Ahmed Yilmaz", (Role.EMPLOYEE, Role.TEAM_LEAD), "team lead"
    ),
    DemoPerson(
        "vertrouwenspersoon@demo.test",
        "Marieke Jansen",
        (Role.EMPLOYEE, Role.ADVISER),
        "adviser (internal, integrity contact)",
    ),
    DemoPerson(
        "vertrouwenspersoon2@demo.test",
        "Kofi Mensah",
        (Role.EMPLOYEE, Role.ADVISER),
        "adviser (internal)",
    ),
    DemoPerson("extern@demo.test", "Els van Dam", (Role.ADVISER,), "adviser (external)"),
    DemoPerson("hr@demo.test", "Pieter Bakker", (Role.EMPLOYEE, Role.HR), "HR"),
    DemoPerson("beheer@demo.test", "Noor Hendriks", (Role.ADMIN,), "administrator"),
    DemoPerson("directie@demo.test", "Willem de Groot", (Role.MANAGEMENT,), "management"),
]

DEMO_ADVISERS = {
    "vertrouwenspersoon@demo.test": {
        "introduction_nl": "Ik werk twaalf jaar in de zorg en ben sinds 2021 vertrouwenspersoon. Je kunt bij mij terecht met alles wat je dwarszit, ook als je nog niet weet wat je wilt.",
        "introduction_en": "I have worked in care for twelve years and have been a confidential adviser since 2021. Come to me with anything that bothers you, even if you do not know yet what you want.",
        "languages": "nl,en",
        "topics": "bullying,intimidation,violation,irregularity",
        "contact": "Telefoon / phone 030 000 0001 (di en do / Tue and Thu)",
        "integrity_contact": True,
    },
    "vertrouwenspersoon2@demo.test": {
        "introduction_nl": "Ik ben teamleider facilitair en luister graag mee. Ervaring met discriminatie en agressie van cliënten.",
        "introduction_en": "I lead the facilities team and am glad to listen. Experienced with discrimination and aggression by clients.",
        "languages": "nl",
        "topics": "discrimination,aggression,online_harassment",
        "contact": "Telefoon / phone 030 000 0002",
    },
    "extern@demo.test": {
        "external": True,
        "organisation": "Arbo Advies Midden",
        "introduction_nl": "Als externe vertrouwenspersoon sta ik los van de organisatie. Dat kan prettig zijn als je liever met iemand van buiten praat.",
        "introduction_en": "As an external confidential adviser I am independent of the organisation, which can help if you would rather talk to someone from outside.",
        "languages": "nl,en",
        "topics": "sexual_harassment,bullying,intimidation",
        "contact": "E-mail els.vandam@arbo-advies.test, telefoon / phone 030 000 0003",
    },
}

DEMO_TEAMS = [
    (
        "Zorgteam Noord",
        "leidinggevende@demo.test",
        ["medewerker@demo.test", "vertrouwenspersoon2@demo.test"],
    ),
    ("Facilitaire dienst", None, ["hr@demo.test"]),
]


def seed_if_empty() -> bool:
    """Create the demo organisation when nobody has an account yet; tell whether it did."""
    with db.connection_context():
        if Person.select().exists():
            return False
        with db.atomic():
            created = {
                p.email: people.create_person(
                    p.email, p.name, DEMO_PASSWORD, p.roles, must_change_password=False
                )
                for p in DEMO_PEOPLE
            }
            made = {
                name: teams.save_team(None, name, created.get(lead), [created[m] for m in members])
                for name, lead, members in DEMO_TEAMS
            }
            ask_for_a_second_person(created, made)
            for email, profile in DEMO_ADVISERS.items():
                adviser = created[email]
                keyring.create(adviser, DEMO_PASSWORD)
                keyring.confirm_recovery_key(adviser, "demo", "demo")  # the demo skips this step
                AdviserProfile.create(person=adviser, **profile)
            triage_demo.seed(created, DEMO_PASSWORD, clock.today())
            conversation_demo.seed(created, DEMO_PASSWORD, clock.today())
            handover_demo.seed(created, DEMO_PASSWORD, clock.today())
            meetings_demo.seed(clock.today())
            pulse_demo.seed(clock.today())
            aftercare_demo.seed(created, DEMO_PASSWORD)
            insights_demo.seed(created)
            prevention_demo.seed(clock.today())
            record_demo.seed(created, DEMO_PASSWORD, clock.today())
            together_demo.seed(created, DEMO_PASSWORD, clock.today())
    return True


def ask_for_a_second_person(created: dict, made: dict) -> None:
    """Leave things for HR to confirm (the administrator who asked cannot): Kofi Mensah as team
    lead and as lead of the facilities team, Ahmed Yilmaz as adviser. Everyone else's roles hold
    already."""
    admin, kofi = created["beheer@demo.test"], created["vertrouwenspersoon2@demo.test"]
    people.set_roles(kofi, [*kofi.roles, Role.TEAM_LEAD], by=admin)
    facilities = made["Facilitaire dienst"]
    teams.save_team(facilities, facilities.name, kofi, [created["hr@demo.test"]], by=admin)
    # Ahmed Yilmaz as a confidential adviser too: on HR's and the administrator's today pages.
    ahmed = created["leidinggevende@demo.test"]
    people.set_roles(ahmed, [*ahmed.roles, Role.ADVISER], by=admin)


def sign_ins_text() -> str:
    """Return the demo sign-ins as the terminal shows them."""
    width = max(len(p.email) for p in DEMO_PEOPLE)
    lines = [
        f"Demo sign-ins (password for everyone: {DEMO_PASSWORD})",
        *(f"  {p.email.ljust(width)}  {p.note}" for p in DEMO_PEOPLE),
        "Advisers, HR and the administrator also pass a second step (a code from an",
        "authenticator app). In demo mode that page shows the code valid right now, so",
        "no app is needed; scanning the QR code with a real app works as well.",
        "Waiting for a second person: Kofi Mensah as team lead of Facilitaire dienst,",
        "asked by the administrator; HR confirms it under Roles to confirm.",
    ]
    return "\n".join(lines)
