"""Demo data for My record: the demo employee keeps a record of five entries over five months,
some with a date they are not sure of (about a day, a month, a period) and one with a screenshot."""

import io
from datetime import date, timedelta

from PIL import Image, ImageDraw

from portal.core.accounts import keyring
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.record import entries, starts
from portal.reports import evidence
from portal.reports.evidence import Evidence

DEMO_OWNER = "medewerker@demo.test"


def _entry(days_ago: int, form: str, what: str, **extra) -> tuple[int, dict]:
    happened = clock.today() - timedelta(days=days_ago)
    content = {
        "happened_on": happened.isoformat(),
        "happened_until": "",
        "precision": "exact",
        "title": "",
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
    content |= extra
    if content["precision"] == "month":
        content["happened_on"] = happened.replace(day=1).isoformat()
    if content["precision"] == "period":
        content["happened_until"] = (happened + timedelta(days=21)).isoformat()
    return days_ago, content


def screenshot() -> Evidence:
    """A made-up screenshot of the team app's post, as the demo's evidence image."""
    image = Image.new("RGB", (480, 260), "#eef1f5")
    draw = ImageDraw.Draw(image)
    draw.rectangle((16, 16, 464, 60), fill="#2b5797")
    draw.text((28, 30), "Teamapp - Zorgteam Noord", fill="white")
    draw.rounded_rectangle((28, 80, 452, 236), radius=12, fill="white", outline="#b8c2cc")
    draw.rectangle((44, 96, 204, 196), fill="#c9d6a3")  # the photo of the desk
    draw.text((220, 100), "Onbekend account:", fill="#333333")
    draw.text((220, 124), "Kijk eens wie er weer", fill="#333333")
    draw.text((220, 142), "vroeg naar huis is :)", fill="#333333")
    out = io.BytesIO()
    image.save(out, "PNG")
    return evidence.accept("schermafbeelding-teamapp.png", out.getvalue(), 5 * 1024 * 1024)


DEMO_ENTRIES = [
    _entry(
        150,
        "bullying",
        "In het teamoverleg werd mijn voorstel weggelachen: 'daar hebben we het al over gehad'.",
        precision="month",
        title="Voorstel weggelachen",
        place="Teamkamer",
        witnesses="Het hele team",
        effect="Ik voelde me klein gemaakt en zei de rest van het overleg niets meer.",
    ),
    _entry(
        118,
        "bullying",
        "Ik stond niet in de uitnodiging voor de teamlunch; alle anderen wel.",
        precision="about",
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
        title="Foto van mijn bureau in de teamapp",
        channel="Teamapp, groep Zorgteam Noord",
        post_url="https://teamapp.example/groep/noord/bericht/4711",
        people=[{"name": "Onbekend account", "relation": "other"}],
        actions="Schermafbeelding gemaakt.",
    ),
    _entry(
        30,
        "intimidation",
        "Mijn rooster werd zonder overleg veranderd, drie keer in deze weken.",
        precision="period",
        title="Rooster steeds veranderd",
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
        last = date.fromisoformat(content["happened_until"] or content["happened_on"])
        written = min(today, max(last, today - timedelta(days=days_ago - 1)))
        files = [screenshot()] if content["form"] == "online" else []
        entries.add_entry(opened, content, files, written)
