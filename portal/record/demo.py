"""Demo data for My record: the demo employee keeps a record of five entries over five months."""

from datetime import date, timedelta

from portal.core.accounts import keyring
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.record import entries, starts

DEMO_OWNER = "medewerker@demo.test"


def _entry(days_ago: int, form: str, what: str, **extra) -> tuple[int, dict]:
    happened = clock.today() - timedelta(days=days_ago)
    content = {
        "happened_on": happened.isoformat(),
        "happened_until": "",
        "time": "",
        "place": "",
        "channel": "",
        "post_url": "",
        "people": [{"name": "Teamleider B.", "relation": "manager"}],
        "witnesses": "",
        "what": what,
        "effect": "",
        "actions": "",
        "form": form,
    }
    return days_ago, content | extra


DEMO_ENTRIES = [
    _entry(
        150,
        "bullying",
        "In het teamoverleg werd mijn voorstel weggelachen: 'daar hebben we het al over gehad'.",
        place="Teamkamer",
        witnesses="Het hele team",
        effect="Ik voelde me klein gemaakt en zei de rest van het overleg niets meer.",
    ),
    _entry(
        118,
        "bullying",
        "Ik stond niet in de uitnodiging voor de teamlunch; alle anderen wel.",
        channel="Agenda-uitnodiging per e-mail",
        actions="Verteld aan mijn collega Fatima.",
    ),
    _entry(
        84,
        "intimidation",
        "Bij de koffieautomaat zei hij hard dat 'sommige mensen beter kunnen vertrekken'. Hij keek mij daarbij aan.",
        time="10:15",
        place="Gang bij de koffieautomaat",
        witnesses="Een collega van facilitair",
        effect="Ik heb slecht geslapen en zag op tegen de volgende dienst.",
    ),
    _entry(
        40,
        "online",
        "In de teamapp verscheen een foto van mijn bureau met een spottende tekst.",
        channel="Teamapp, groep Zorgteam Noord",
        post_url="https://teamapp.example/groep/noord/bericht/4711",
        people=[{"name": "Onbekend account", "relation": "other"}],
        actions="Schermafbeelding gemaakt.",
    ),
    _entry(
        9,
        "intimidation",
        "Mijn rooster werd zonder overleg veranderd, voor de derde keer deze maand.",
        effect="Ik kon mijn kinderen niet ophalen en moest ziek melden.",
        actions="Gevraagd om uitleg per e-mail; geen antwoord.",
    ),
]


def seed(created: dict[str, Person], password: str, today: date) -> None:
    """Give the demo employee a record; every demo employee skips the recovery-code step."""
    keys = {}
    for email, person in created.items():
        if not person.has_role(Role.EMPLOYEE):
            continue
        keys[email] = keyring.open_or_create(person, password)
        if keyring.state_of(person, keys[email]).recovery != keyring.Recovery.CONFIRMED:
            shown = keyring.add_recovery_key(person, keys[email])
            keyring.confirm_recovery_key(person, shown, shown)  # as for the demo advisers
    owner = created.get(DEMO_OWNER)
    if owner is None:
        return
    private_key = keys.get(DEMO_OWNER) or keyring.open_or_create(owner, password)
    opened = starts.find_or_start(keyring.public_key_of(owner.id), private_key)
    for days_ago, content in DEMO_ENTRIES:
        written = today - timedelta(days=max(0, days_ago - 1))
        entries.add_entry(opened, content, [], written)
