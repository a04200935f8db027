"""Demo aftercare: the team lead's open case for the employee, and HR's two pages filled in."""

import io
import logging
from datetime import date, timedelta

from flask import current_app, has_app_context
from PIL import Image, ImageDraw

from portal.aftercare import (
    announcements,
    cases,
    checkins,
    items,
    logo,
    membership,
    pages,
    policy,
    steps,
)
from portal.core.accounts import keyring
from portal.core.accounts.models import Person
from portal.platform import clock
from portal.reports.evidence import accept

log = logging.getLogger(__name__)

POLICY = {
    "nl": (
        "Online grensoverschrijdend gedrag: wie doet wat",
        """Wordt een collega online lastiggevallen, bedreigd of beledigd om het werk? Dan laten we
die collega niet alleen. Dit is wat we dan doen, en wie wat doet.

## De stappen

1. **Bewijs vastleggen**: de leidinggevende maakt samen met de medewerker screenshots en noteert
   wie het plaatste, waar, van wie het account is en wie er verder bij betrokken zijn.
2. **Bespreken**: de leidinggevende praat met de medewerker en geeft ruimte aan wat die voelt.
3. **Nazorg**: direct starten; een eerste gesprek binnen 72 uur, daarna na 2 weken en na 6 tot 8 weken.
4. **Melden bij het platform**: de leidinggevende, samen met de medewerker.
5. **Professionele hulp**: hr schakelt die in als het nodig is.
6. **Aangifte**: de organisatie doet aangifte, niet de medewerker; het adres van de organisatie wordt gebruikt.
7. **Juridische hulp**: hr schakelt die in als het platform het bericht niet verwijdert.

## Wie doet wat

- **Medewerker**: meldt het aan de leidinggevende of hr; mag altijd ook naar een vertrouwenspersoon.
- **Leidinggevende**: opent de zaak in Vertrouwd, legt bewijs vast, voert de gesprekken, meldt bij het platform.
- **Hr**: bewaakt de termijnen, regelt professionele en juridische hulp, houdt dit beleid bij.
- **De organisatie**: doet aangifte en draagt de kosten van hulp.
""",
    ),
    "en": (
        "Online harassment: who does what",
        """Is a colleague harassed, threatened or insulted online because of their work? Then we do
not leave them alone. This is what we do, and who does what.

## The steps

1. **Capture the evidence**: the team lead takes screenshots together with the employee and notes
   who posted it, where, whose account it is and who else is involved.
2. **Talk it through**: the team lead talks with the employee and gives room to their feelings.
3. **Aftercare**: start at once; a first conversation within 72 hours, then after 2 weeks and after 6 to 8 weeks.
4. **Report to the platform**: the team lead, together with the employee.
5. **Professional help**: HR brings it in when needed.
6. **Police report**: the organisation files it, not the employee; the organisation's address is used.
7. **Legal help**: HR brings it in when the platform does not remove the post.

## Who does what

- **Employee**: tells their team lead or HR; may always go to a confidential adviser as well.
- **Team lead**: opens the case in Vertrouwd, captures the evidence, holds the conversations, reports to the platform.
- **HR**: watches the deadlines, arranges professional and legal help, keeps this policy current.
- **The organisation**: files the police report and pays for the help.
""",
    ),
}

CONDUCT = {
    "nl": (
        "Zo gaan we met elkaar om",
        """Wij helpen u graag. Daarvoor maken we samen een paar afspraken.

- We behandelen elkaar met respect, ook als we het niet met elkaar eens zijn.
- Schelden, dreigen en discrimineren accepteren we niet, op locatie en online.
- We zetten geen foto's, filmpjes of namen van medewerkers op internet zonder toestemming.
- Bent u ontevreden? Bespreek het met ons of gebruik de klachtenregeling.

Houdt iemand zich niet aan deze afspraken, dan kunnen we de hulp stoppen en doen we aangifte.
""",
    ),
    "en": (
        "How we treat each other",
        """We are glad to help you. To do so, we make a few agreements together.

- We treat each other with respect, also when we disagree.
- We do not accept swearing, threats or discrimination, in person or online.
- We do not post photos, videos or names of staff on the internet without their consent.
- Not satisfied? Talk to us or use the complaints procedure.

If someone does not keep to these agreements, we may stop our help and report it to the police.
""",
    ),
}


def _screenshot() -> bytes:
    image = Image.new("RGB", (480, 200), (245, 245, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 470, 190), outline=(10, 102, 194), width=3)
    draw.text((24, 30), "@voorbeeld_account", fill=(10, 102, 194))
    draw.text((24, 70), "(demo) Een beledigend bericht over een medewerker.", fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


CONTACTS = [
    # key, name, function (nl, en), phone, e-mail, hours (nl, en)
    (
        "hr",
        None,
        ("HR-adviseur, aanspreekpunt nazorg", "HR adviser, aftercare contact"),
        "030 700 12 34",
        "hr@demo.test",
        ("ma-vr 8.30-17.00", "Mon-Fri 8:30-17:00"),
    ),
    (
        "doctor",
        "Dr. Lotte Smit",
        ("Bedrijfsarts (Arbodienst Midden)", "Company doctor (Arbodienst Midden)"),
        "030 700 45 60",
        "bedrijfsarts@arbodienst.example",
        ("di en do 9.00-12.00", "Tue and Thu 9:00-12:00"),
    ),
    (
        "assistance",
        "Stichting Opvang na Incidenten",
        ("Hulp voor medewerkers, dag en nacht", "Employee assistance, day and night"),
        "0800 123 45 67",
        "",
        ("24 uur per dag", "24 hours a day"),
    ),
    (
        "lawyer",
        "Mr. Joris van Dam",
        ("Advocaat (Van Dam Advocaten)", "Lawyer (Van Dam Advocaten)"),
        "030 700 88 99",
        "j.vandam@advocaten.example",
        ("", ""),
    ),
    (
        "police",
        "Wijkagent Esra Kaya",
        ("Contactpersoon politie", "Police liaison"),
        "0900 8844",
        "",
        ("bel en vraag naar de wijkagent", "call and ask for the community officer"),
    ),
]
# Step number: (owner, contact key or None).
RULES = {
    1: ("lead", "hr"),
    2: ("lead", None),
    3: ("lead", "assistance"),
    4: ("lead", "hr"),
    5: ("hr", "doctor"),
    6: ("organisation", "police"),
    7: ("hr", "lawyer"),
}
# Who opened HR's announcement of the policy (the employee has not: it waits on her home page).
OPENED_BY = ("vertrouwenspersoon@demo.test", "vertrouwenspersoon2@demo.test", "directie@demo.test")


def _logo() -> bytes:
    """A made-up logo for the demo organisation: a blue mark with a white shield, wider than high."""
    image = Image.new("RGB", (720, 240), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 10, 230, 230), radius=40, fill=(26, 74, 110))
    draw.polygon([(120, 45), (195, 75), (185, 150), (120, 200), (55, 150), (45, 75)], fill="white")
    draw.polygon([(120, 70), (170, 90), (163, 145), (120, 178)], fill=(90, 160, 200))
    for row, width in enumerate((420, 330, 380)):
        top = 55 + row * 55
        draw.rounded_rectangle((270, top, 270 + width, top + 30), radius=15, fill=(26, 74, 110))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def seed_policy(created: dict[str, Person], hr: Person, today: date) -> None:
    """Give the policy its structure and contacts, announce it, and upload the logo."""
    ids = {}
    for key, name, (function_nl, function_en), phone, email, (hours_nl, hours_en) in CONTACTS:
        row = policy.save_contact(
            policy.ContactData(
                name or hr.display_name, function_nl, function_en, phone, email, hours_nl, hours_en
            )
        )
        ids[key] = row.id
    policy.save_rules(
        {number: (owner, ids[key] if key else None) for number, (owner, key) in RULES.items()}
    )
    announcement = announcements.announce(
        "policy",
        "Nieuw in ons beleid: per stap wie het doet en wie u kunt bellen.",
        "New in our policy: for each step who does it and whom you can call.",
        hr,
        today - timedelta(days=3),
    )
    for email in OPENED_BY:
        if email in created:
            announcements.open_announcement(created[email], announcement.id)
    logo.save(_logo(), hr, today - timedelta(days=10))


def seed(created: dict[str, Person], password: str, today: date | None = None) -> None:
    """Give the demo lead, employee and HR key pairs; open the lead's case; fill in HR's pages."""
    if not has_app_context():
        log.info("no app context: the aftercare demo is not seeded")
        return
    today = today or clock.today()
    lead, employee, hr = (
        created["leidinggevende@demo.test"],
        created["medewerker@demo.test"],
        created["hr@demo.test"],
    )
    lead_key = keyring.open_or_create(lead, password)
    employee_key = keyring.open_or_create(employee, password)
    keyring.open_or_create(hr, password)
    for page, texts in (("policy", POLICY), ("conduct", CONDUCT)):
        pages.save(page, {loc: pages.Draft(*texts[loc]) for loc in pages.LOCALES}, hr)
    seed_policy(created, hr, today)
    opened_on = today - timedelta(days=14)  # the 2-week check-in is due today
    case = cases.open_case(lead, employee.id, opened_on, current_app.config)
    opened = cases.open_for(lead, lead_key, case.reference)
    cases.add_hr(opened, hr.id, opened_on)
    # At the first conversation the employee read their check code to the lead (see
    # membership.py); the demo case is shared with them as if that happened.
    membership.share_with_new_key(
        opened, employee.id, keyring.check_code_of(employee.id), opened_on
    )
    png = _screenshot()
    items.add(
        opened,
        items.ItemData(
            platform="linkedin",
            platform_other="",
            url="https://www.linkedin.com/posts/voorbeeld-demo-123",
            handle="@voorbeeld_account",
            account_owner="Onbekend (anoniem account)",
            others="Twee accounts die het bericht deelden",
            seen_at=f"{opened_on:%d-%m-%Y}, 21:40",
            captured_by=f"{lead.display_name} en {employee.display_name}",
            still_online=True,
            checked_on=today - timedelta(days=1),
            files=[accept("screenshot.png", png, len(png) + 1)],
            # The lead chose to keep the original beside the cleaned copy, for the police.
            originals=[png],
        ),
        opened_on,
    )
    # Sanne added a post she found later herself, from her own view of the case.
    own = cases.open_for(employee, employee_key, case.reference)
    items.add(
        own,
        items.ItemData(
            platform="instagram",
            platform_other="",
            url="https://www.instagram.com/p/demo-voorbeeld/",
            handle="@voorbeeld_account",
            account_owner="Onbekend (anoniem account)",
            others="",
            seen_at=f"{opened_on + timedelta(days=3):%d-%m-%Y}, 08:15",
            captured_by=employee.display_name,
            still_online=None,
            checked_on=None,
        ),
        opened_on + timedelta(days=3),
    )
    for number, note in (
        (1, "Samen screenshots gemaakt en de gegevens genoteerd."),
        (2, "Gesprek gehad; Sanne schrok er erg van en voelt zich onveilig."),
        (3, "Nazorg gestart; volgende gesprekken ingepland."),
    ):
        steps.update(opened, number, steps.StepChange("lead", "done", None, opened_on, note), today)
    steps.record_notice(
        opened,
        steps.Notice(
            opened_on + timedelta(days=1),
            "linkedin",
            "LI-DEMO-4471",
            "Verwijderen van het bericht",
            "",
            None,
            None,
        ),
    )
    # Sent the day after opening, before its date: the notice completes step 4; the platform
    # has not answered yet.
    # "Help needed" at the first conversation opened step 5 for HR, with its due date.
    checkins.record(
        opened,
        "first",
        "Geschrokken, slaapt slecht. Wil wel gewoon blijven werken.",
        True,
        opened_on + timedelta(days=2),
    )
    # An insult needs Sanne's own complaint: its last day (counted inclusive) is step 6's due
    # date, on HR's overview.
    steps.record_police(
        opened,
        steps.PoliceReport(
            hr.display_name,
            current_app.config["ORGANISATION_NAME"],
            False,
            True,
            opened_on,
            None,
            "",
            None,
        ),
    )
