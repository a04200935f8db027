"""Demo figures: consultations and report metadata over three years, and last year's report."""

import random
import secrets
from datetime import date, timedelta

from portal.core.accounts.models import Person
from portal.insights import activities, sections, signing, yearly
from portal.insights.consultations import CHANNELS, REFERRALS, SOURCES, VISITORS
from portal.insights.models import Consultation
from portal.platform import crypto
from portal.reports import deadlines, kinds
from portal.reports.models import Report

# Weights that look like an adviser's year: mostly bullying and intimidation, by colleagues.
CATEGORY_WEIGHTS = {
    "intimidation": 14,
    "bullying": 18,
    "aggression": 8,
    "discrimination": 6,
    "sexual_harassment": 7,
    "violation": 4,
    "irregularity": 4,
    "misstand": 1,
    "eu_law": 1,
    "online_harassment": 3,
    "unsure": 4,
}
OUTCOME_WEIGHTS = {
    "listened": 30,
    "advice": 35,
    "conversation": 15,
    "complaint": 4,
    "formal_report": 6,
    "referral": 10,
}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def register_entry(rng: random.Random, received_on: date, today: date) -> Report:
    """A closed report whose content the retention policy already deleted: metadata only."""
    category = _pick(rng, CATEGORY_WEIGHTS)
    track = kinds.CATEGORY_BY_CODE[category].track
    closed_on = min(received_on + timedelta(days=rng.randint(10, 80)), today)
    report = Report(
        uid=secrets.token_urlsafe(16),
        reference="D-" + secrets.token_hex(4).upper(),
        track=track,
        category=category,
        mode=rng.choice([m.code for m in kinds.MODES]),
        status="closed",
        received_on=received_on,
        acknowledged_on=received_on + timedelta(days=rng.randint(1, 8)),
        closed_on=closed_on,
        receipt_lookup=crypto.receipt_lookup(secrets.token_hex(16)),
        receipt_salt=b"",
        receipt_wrapped_key=b"",
        kdf_ops=0,
        kdf_mem=0,
        body=b"",
        outcome=rng.choice([c for c, _label in kinds.OUTCOMES[:6]]),
        first_contact_on=received_on + timedelta(days=rng.randint(1, 6)),
        content_deleted_on=closed_on,
        source=rng.choice([c for c, _label in SOURCES] + [None]),
        several_forms=rng.random() < 0.15,
    )
    deadlines.set_due_dates(report, 5)
    report.contact_due_on = None
    report.save()
    return report


def seed(people: dict[str, Person], today: date | None = None) -> None:
    """Create two years of consultations and report metadata, and publish last year's report."""
    today = today or date.today()
    rng = random.Random(2026)  # noqa: S311 - demo data, not secrets
    advisers = [
        people[e] for e in ("vertrouwenspersoon@demo.test", "vertrouwenspersoon2@demo.test")
    ]
    plan = ((today.year - 2, 260, 70), (today.year - 1, 320, 90), (today.year, 240, 60))
    for year, consultations_n, reports_n in plan:
        last = min(date(year, 12, 31), today)
        span = (last - date(year, 1, 1)).days
        for _n in range(consultations_n):
            outcome = _pick(rng, OUTCOME_WEIGHTS)
            category = _pick(rng, CATEGORY_WEIGHTS)
            Consultation.create(
                uid=secrets.token_urlsafe(16),
                adviser=rng.choice(advisers),
                held_on=date(year, 1, 1) + timedelta(days=rng.randint(0, span)),
                channel=rng.choice([c for c, _label in CHANNELS]),
                track=kinds.CATEGORY_BY_CODE[category].track,
                category=category,
                visitor=rng.choices([c for c, _label in VISITORS], weights=[70, 10, 12, 4, 4])[0],
                source=rng.choices([c for c, _label in SOURCES], weights=[55, 25, 15, 5])[0],
                outcome=outcome,
                referral=rng.choice([c for c, _label in REFERRALS])
                if outcome == "referral"
                else None,
                created_on=today,
            )
        for _n in range(reports_n):
            register_entry(rng, date(year, 1, 1) + timedelta(days=rng.randint(0, span)), today)
    texts = {
        "observations": "Pesten en intimidatie door collega's blijven de meest besproken onderwerpen. "
        "Veel gesprekken eindigen met een luisterend oor of advies; een klein deel leidt tot een melding.",
        "recommendations": "Besteed in elk team aandacht aan omgangsafspraken en maak leidinggevenden "
        "wegwijs in het gesprek over ongewenst gedrag.",
        "prevention": "Gebruik de maandelijkse gespreksstarter in het teamoverleg en herhaal de "
        "voorlichting over de vertrouwenspersonen bij nieuwe medewerkers.",
        # English for two of the three: an English reader sees the third in Dutch, marked.
        "observations_en": "Bullying and intimidation by colleagues remain the subjects raised "
        "most. Many conversations end with a listening ear or advice; a small part leads to a report.",
        "recommendations_en": "Give every team time for agreements on how people treat each other, "
        "and prepare managers for the conversation about unwanted behaviour.",
    }
    everyone = [p for p, _external in sections.current_advisers()]
    last_year = today.year - 1
    register(rng, last_year, 12, everyone, today)
    texts |= context(everyone, 420)
    texts["recommendation_list"] = [
        {"uid": f"demo-{last_year}-{n}", "text": text} for n, text in enumerate(RECOMMENDED, 1)
    ]
    for person in everyone:
        signing.sign(last_year, person, [p.id for p in everyone], today)
    yearly.publish(last_year, advisers[0], texts, "", today, 5, notify=False)
    this_year(rng, today, everyone, advisers[0])


RECOMMENDED = [
    "Bespreek in elk team één keer per kwartaal de omgangsafspraken.",
    "Train alle leidinggevenden in het gesprek over ongewenst gedrag.",
    "Maak de vertrouwenspersonen zichtbaar bij de introductie van nieuwe medewerkers.",
    "Neem ongewenst gedrag op in de risico-inventarisatie (RI&E).",
]
ACTIVITIES = [
    ("prevention", "Voorlichting over de vertrouwenspersoon in het teamoverleg", 14),
    ("training", "Training omstanderskunde voor leidinggevenden", 9),
    ("team_visit", "Kennismaking met een team", 11),
    ("intake", "Intakegesprekken met nieuwe medewerkers (groep)", 6),
    ("other", "Intervisie met vertrouwenspersonen van andere organisaties", None),
]


def context(everyone: list[Person], employees: int) -> dict:
    """The draft's context: the organisation's size and each adviser's hours."""
    return sections.context_changes(
        employees,
        {
            p.id: {"listed": True, "external": ext, "hours": 8 if ext else 16 - 4 * (n % 2)}
            for n, (p, ext) in enumerate(sections.current_advisers())
            if p in everyone
        },
    )


def register(rng: random.Random, year: int, months: int, everyone: list, today: date) -> None:
    """Fill the activity register of a year, a few activities a month."""
    for month in range(1, months + 1):
        for kind, text, participants in rng.sample(ACTIVITIES, 2):
            activities.add(
                year,
                rng.choice(everyone),
                activities.NewActivity(month, kind, text, participants),
                today,
            )


def this_year(rng: random.Random, today: date, everyone: list, writer: Person) -> None:
    """A draft for this year: what became of last year's advice; one adviser has signed."""
    register(rng, today.year, today.month, everyone, today)
    last = sections.last_year(today.year)
    statuses = ["done", "in_progress", "not_done", "dropped"]
    notes = [
        "Alle teams hebben de afspraken besproken.",
        "Twee van de vijf groepen zijn getraind; de rest volgt in het voorjaar.",
        "Nog niet opgepakt: de introductie wordt dit jaar herzien.",
        "Vervallen: de RI&E wordt pas volgend jaar opnieuw gedaan.",
    ]
    yearly.save_draft(
        today.year,
        writer,
        None,
        {
            "observations": "Dit jaar meer gesprekken over intimidatie na de reorganisatie.",
            **context(everyone, 435),
            "recommendation_list": [
                {"uid": f"demo-{today.year}-1", "text": "Evalueer de reorganisatie ook op omgang."}
            ],
            "followups": {
                r.uid: {"status": statuses[n % 4], "note": notes[n % 4]} for n, r in enumerate(last)
            },
        },
    )
    signing.sign(today.year, writer, [p.id for p in everyone], today)
