"""Demo measures: a few in every status, one answering last year's first recommendation."""

from datetime import date, timedelta

from portal.prevention import measures


def seed(today: date) -> None:
    last_year = f"demo-{today.year - 1}-1"  # the demo's first recommendation (insights/demo.py)
    found = {r.uid for r in measures.recommendations()}
    for title, owner, due, status, outcome, uid in [
        (
            "Omgangsafspraken elk kwartaal in het teamoverleg",
            "Leidinggevenden",
            today - timedelta(days=40),
            "done",
            "Alle teams hebben de afspraken in het eerste kwartaal besproken.",
            last_year,
        ),
        (
            "Training 'het gesprek over ongewenst gedrag' voor leidinggevenden",
            "HR",
            today + timedelta(days=60),
            "in_progress",
            "",
            f"demo-{today.year - 1}-2",
        ),
        (
            "Ongewenst gedrag opnemen in de RI&E en het plan van aanpak",
            "HR met de preventiemedewerker",
            today + timedelta(days=120),
            "planned",
            "",
            None,
        ),
    ]:
        measures.add(
            measures.MeasureInput(title, owner, due, status, outcome, uid if uid in found else ""),
            today,
        )
