"""Demo colleagues: an adviser away with a stand-in, and a hand-over waiting for the reporter.

Els van Dam (external) is away for two weeks; Marieke Jansen stands in. Els's open reports,
with a new one of Sanne de Vries whose first contact is due, show on Marieke's today page; the
reporters see who answers, and Sanne (under My reports) may let Marieke read. Kofi Mensah asked Sanne de Vries (under My reports) to hand
her report over to Marieke: it waits for her answer.
"""

from datetime import date, timedelta

from portal.advisers.models import AdviserProfile
from portal.core.accounts import keyring
from portal.core.accounts.models import Person
from portal.reports import filing, handover, kinds, opening
from portal.reports.models import Report, ReportKey

AWAY = "extern@demo.test"
STAND_IN = "vertrouwenspersoon@demo.test"
ASKING = "vertrouwenspersoon2@demo.test"
REPORTER = "medewerker@demo.test"


def seed(people: dict[str, Person], password: str, today: date) -> None:
    """Send Els away with Marieke as stand-in; let Kofi ask for a hand-over to Marieke."""
    away, stand_in, asking = people[AWAY], people[STAND_IN], people[ASKING]
    AdviserProfile.update(away_until=today + timedelta(days=14), stand_in=stand_in).where(
        AdviserProfile.person == away
    ).execute()
    day = today - timedelta(days=2)
    sanne = people[REPORTER]
    filing.file_report(
        filing.Submission(
            category="bullying",
            incidents=[
                {
                    "when": day.isoformat(),
                    **dict.fromkeys(("time", "place", "address", "people", "witnesses"), ""),
                    "description": "Mijn teamgenoten plannen uitjes in een groepsapp waar ik niet in zit, en praten er daarna over waar ik bij sta.",
                }
            ],
            ongoing="yes",
            wishes=["be_heard"],
            wish_note="",
            mode=kinds.CONFIDENTIAL,
            advisers=[away.id],
            contact={"name": sanne.display_name, "email": sanne.email, "phone": ""},
        ),
        keyring.open_or_create(sanne, password),  # on Sanne's own My reports
        day,
    )
    # Kofi's named report from Sanne (under her My reports): he asks to hand it over.
    report = (
        Report.select()
        .join(ReportKey)
        .where(
            (ReportKey.person == asking)
            & (Report.mode == kinds.NAMED)
            & (Report.status == "in_progress")
        )
        .first()
    )
    if report is not None:
        private_key = keyring.open_or_create(asking, password)
        opened = opening.open_with_private_key(report, asking, private_key, "adviser")
        handover.ask(opened, asking, stand_in.id, handover.HAND_OVER, today - timedelta(days=1))
