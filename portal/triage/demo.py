"""Demo reports: one in every status, filed and worked on through the real domain functions.

Filed with `filing.file_report`, so each is encrypted and sealed exactly as a real report is;
then acknowledged, answered, shared by consent, referred, closed or withdrawn on days in the
past, as an adviser and a reporter would have done it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from portal.consent import approval, sharing
from portal.core.accounts import keyring
from portal.core.accounts.models import Person
from portal.reports import contact as staying_in_touch
from portal.reports import filing, kinds, opening
from portal.triage import corrections, oral, workflow


@dataclass(frozen=True)
class DemoReport:
    """One demo report: who filed it how, to whom, how many days ago, and what happened since."""

    category: str
    mode: str
    adviser: str
    days_ago: int
    what: str
    reporter: str | None = None  # a demo person's e-mail: the report shows under "My reports"
    status: str = "received"
    wishes: list[str] = field(default_factory=list)
    conversation: list[tuple[str, str]] = field(default_factory=list)  # (sender, text)
    outcome: str | None = None
    oral: bool = False
    share_with: str | None = None  # an HR person's e-mail: consent and a shared summary
    summary_waits: bool = False  # the summary waits for the reporter's approval (not shared)
    filed_as: str | None = None  # the kind the reporter chose; the adviser corrected it since
    pattern: str | None = None  # the adviser's mark: one incident or a pattern
    return_in: int | None = None  # anonymous: comes back with the code this many days after
    offer: str | None = None  # another way to stay in touch the adviser offered


ACKNOWLEDGEMENT = "Dank je voor je melding. Ik heb hem gelezen en neem binnen een paar dagen contact met je op. Alles wat je schrijft blijft tussen ons."

REPORTS = [
    DemoReport(
        "bullying",
        kinds.ANONYMOUS,
        "vertrouwenspersoon@demo.test",
        1,
        "Een collega maakt al weken grappen over mijn accent waar het hele team bij is. Gisteren in de pauze weer, en niemand zei er iets van.",
        wishes=["be_heard", "advice"],
        return_in=7,
    ),
    DemoReport(
        "intimidation",
        kinds.CONFIDENTIAL,
        "vertrouwenspersoon@demo.test",
        12,
        "Mijn planner dreigt mijn diensten te schrappen als ik nog eens over de roosters klaag. Hij zegt dat in een apart gesprek, zonder getuigen.",
        reporter="medewerker@demo.test",
        status="acknowledged",
        wishes=["advice", "conversation"],
        conversation=[
            ("reporter", "Dank je. Ik werk deze week avonden; bellen kan na 14.00 uur."),
            (
                "adviser",
                "Fijn, ik bel je donderdag. Wil je tot die tijd opschrijven wanneer hij iets zei?",
            ),
        ],
        share_with="hr@demo.test",
    ),
    DemoReport(
        "misstand",
        kinds.ANONYMOUS,
        "vertrouwenspersoon@demo.test",
        5,
        "Ik weet niet goed waar dit onder valt: op de afdeling schoonmaak worden al maanden giftige middelen door de gootsteen gespoeld.",
        status="acknowledged",
        filed_as="unsure",
        pattern="pattern",
        return_in=9,
    ),
    DemoReport(
        "discrimination",
        kinds.NAMED,
        "vertrouwenspersoon2@demo.test",
        24,
        "Bij het verdelen van de extra uren word ik als enige met een tijdelijk contract steeds overgeslagen.",
        reporter="medewerker@demo.test",
        status="in_progress",
        wishes=["conversation"],
        conversation=[
            (
                "adviser",
                "Ik heb je melding gelezen. Zullen we volgende week samen kijken wat je wilt?",
            ),
            ("reporter", "Graag. Dinsdagochtend kan ik."),
        ],
        share_with="hr@demo.test",
        summary_waits=True,
        pattern="pattern",
    ),
    DemoReport(
        "sexual_harassment",
        kinds.CONFIDENTIAL,
        "extern@demo.test",
        40,
        "Een leverancier maakt bij elke levering opmerkingen over mijn uiterlijk en komt te dichtbij staan.",
        status="referred",
        conversation=[
            (
                "adviser",
                "Zoals besproken verwijs ik je naar het Juridisch Loket voor advies over je rechten.",
            )
        ],
        outcome="referral_legal_aid",
    ),
    DemoReport(
        "sexual_harassment",
        kinds.CONFIDENTIAL,
        "extern@demo.test",
        6,
        "Een collega stuurt mij 's avonds berichten met seksuele toespelingen, ook nadat ik vroeg daarmee te stoppen.",
        status="in_progress",
        wishes=["be_heard", "advice"],
        conversation=[
            ("adviser", "Bewaar de berichten; we bespreken vrijdag wat je wilt doen."),
            ("reporter", "Dat doe ik. Kan het vrijdag ook telefonisch? Ik werk die dag thuis."),
        ],
        filed_as="intimidation",
        pattern="pattern",
    ),
    DemoReport(
        "aggression",
        kinds.ANONYMOUS,
        "vertrouwenspersoon2@demo.test",
        60,
        "Een bezoeker schreeuwde tegen mij bij de receptie en gooide een stoel om.",
        status="closed",
        conversation=[("adviser", "Ik heb je uitgelegd hoe je dit bij je leidinggevende meldt.")],
        outcome="advice_given",
    ),
    DemoReport(
        "bullying",
        kinds.NAMED,
        "vertrouwenspersoon@demo.test",
        30,
        "Ik word buitengesloten van het teamoverleg.",
        reporter="medewerker@demo.test",
        status="withdrawn",
    ),
    DemoReport(
        "intimidation",
        kinds.CONFIDENTIAL,
        "vertrouwenspersoon@demo.test",
        3,
        "Telefonisch gemeld: een teamleider schreeuwt tijdens de overdracht tegen nieuwe collega's.",
        oral=True,
    ),
    DemoReport(
        "violation",
        kinds.ANONYMOUS,
        "vertrouwenspersoon@demo.test",
        15,
        "Op de afdeling inkoop worden offertes van één leverancier steeds achteraf aangepast.",
        return_in=10,
        offer="Wil je liever bellen? Ik ben er op dinsdag van 10.00 tot 12.00 uur op 030 123 45 67. Je hoeft je naam niet te noemen.",
    ),
]


def _incident(what: str, day: date) -> dict:
    return {
        "when": day.isoformat(),
        "time": "",
        "place": "",
        "address": "",
        "people": "",
        "witnesses": "",
        "description": what,
    }


def _file(item: DemoReport, people: dict[str, Person], keys: dict[str, bytes], today: date):
    """File one demo report on its day and take it to its status."""
    day = today - timedelta(days=item.days_ago)
    adviser = people[item.adviser]
    reporter = people.get(item.reporter) if item.reporter else None
    contact = {}
    if item.mode != kinds.ANONYMOUS:
        contact = {
            "name": reporter.display_name if reporter else "Jan Smit",
            "email": "",
            "phone": "",
        }
        if reporter:
            contact["email"] = reporter.email
    submission = filing.Submission(
        category=item.filed_as or item.category,
        incidents=[_incident(item.what, day)],
        ongoing="yes" if item.status in ("received", "acknowledged") else "unsure",
        wishes=item.wishes,
        wish_note="",
        mode=item.mode,
        advisers=[adviser.id],
        contact=contact,
        oral=item.oral,
    )
    filed = filing.file_report(submission, keys.get(item.reporter) if reporter else None, day)
    report = filed.report
    if item.oral:
        oral.await_confirmation(report, adviser, day)
    if item.return_in or item.offer:
        opened = opening.open_with_private_key(report, adviser, keys[item.adviser], "adviser")
        if item.return_in:
            staying_in_touch.agree_return(opened, day + timedelta(days=item.return_in), day)
        if item.offer:
            staying_in_touch.offer_way(
                opened, adviser, item.offer, min(day + timedelta(days=12), today)
            )
    if item.status == "withdrawn":
        opened = opening.open_with_private_key(report, adviser, keys[item.adviser], "adviser")
        opening.withdraw(opened, day + timedelta(days=2))
        return
    if item.status == "received":
        return
    opened = opening.open_with_private_key(report, adviser, keys[item.adviser], "adviser")
    opening.record_event(report, adviser, "opened")
    step = day + timedelta(days=1)
    workflow.acknowledge(opened, adviser, ACKNOWLEDGEMENT, step)
    if item.filed_as or item.pattern:
        _correct(opened, adviser, item, min(day + timedelta(days=2), today))
    if item.status != "acknowledged":
        workflow.start(opened, adviser, today=step)
    for offset, (sender, text) in enumerate(item.conversation, start=2):
        on = min(day + timedelta(days=offset), today)
        opening.post_message(
            opened, sender, text, on, adviser=adviser if sender == "adviser" else None
        )
    if item.share_with:
        hr = people[item.share_with]
        consent = sharing.grant(opened, "share_hr", hr.id, min(day + timedelta(days=4), today))
        on = min(day + timedelta(days=5), today)
        text = SUMMARIES[item.category]
        version = approval.propose(opened, consent.id, adviser, text, on)
        if not item.summary_waits:
            approval.approve(opened, version.id, on)
    if item.outcome:
        workflow.conclude(opened, adviser, item.outcome, today=min(day + timedelta(days=20), today))


SUMMARIES = {
    "intimidation": "Een medewerker van Zorgteam Noord voelt zich onder druk gezet door de planning. Graag samen kijken hoe de roosters eerlijker en controleerbaar worden verdeeld.",
    "discrimination": "Een medewerker met een tijdelijk contract krijgt bij het verdelen van extra uren steeds geen beurt. Graag een gesprek over hoe de uren worden verdeeld.",
}


def _correct(opened: opening.OpenReport, adviser: Person, item: DemoReport, on: date) -> None:
    """After the first conversation the adviser corrected the kind and marked a pattern."""
    if item.filed_as:
        corrections.reclassify(opened, adviser, item.category, on, 5)
    if item.pattern:
        corrections.mark_pattern(opened, adviser, item.pattern, on)


def seed(people: dict[str, Person], password: str, today: date) -> None:
    """File the demo reports for the demo advisers, one in every status, with conversations."""
    # Reporters and the people a summary is shared with need a key pair (made at first sign-in);
    # a signed-in reporter's key puts their report on their own encrypted "My reports" list.
    holders = {"medewerker@demo.test", "leidinggevende@demo.test", "hr@demo.test"}
    holders |= {item.adviser for item in REPORTS} | {i.reporter for i in REPORTS if i.reporter}
    keys = {e: keyring.open_or_create(people[e], password) for e in holders if e in people}
    for item in sorted(REPORTS, key=lambda r: -r.days_ago):
        _file(item, people, keys, today)
