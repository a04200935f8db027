"""Demo figures: consultations and report metadata over three years, and last year's report."""

import random
import secrets
from datetime import date, timedelta

from portal.core.accounts.models import Person
from portal.insights import yearly
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
    yearly.publish(today.year - 1, advisers[0], texts, "", today, 5, notify=False)
