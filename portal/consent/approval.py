"""The reporter approves a summary's text before it is shared.

The adviser writes a summary under a consent: a new version, encrypted under the report's data
key (so the reporter and the report's advisers read it, nobody else). The reporter approves
it, and only then is it sealed to the grantee (sharing.write_summary), or declines it, and
nothing goes. A new version replaces one still waiting. Every version is kept, with its state,
so the adviser sees what was shared and what was not.
"""

from dataclasses import dataclass
from datetime import date

from peewee import fn

from portal.consent import sharing
from portal.consent.models import Consent, SummaryVersion
from portal.core.accounts.models import Person
from portal.platform import crypto
from portal.platform.database import db
from portal.reports.opening import OpenReport, post_message, record_event

WAITING, APPROVED, DECLINED, REPLACED = "waiting", "approved", "declined", "replaced"
WITHDRAWN = "withdrawn"  # shown, not stored: waiting when the reporter withdrew the consent


def _field(consent_id: int, number: int) -> str:
    return f"summary:{consent_id}:{number}"


def _consent(opened: OpenReport, consent_id: int) -> Consent:
    consent = Consent.get_or_none((Consent.id == consent_id) & (Consent.report == opened.report))
    if consent is None or consent.revoked_on is not None or consent.scope == "reveal_name":
        raise sharing.ConsentError()
    return consent


def propose(
    opened: OpenReport, consent_id: int, adviser: Person, text: str, today: date
) -> SummaryVersion:
    """Write a new version of the summary for the reporter to approve; nothing is shared yet."""
    consent = _consent(opened, consent_id)
    if sharing.key_changed(consent):
        raise sharing.GranteeKeyChanged()
    report = opened.report
    with db.atomic():
        number = (
            SummaryVersion.select(fn.MAX(SummaryVersion.number))
            .where(SummaryVersion.consent == consent)
            .scalar()
            or 0
        ) + 1
        SummaryVersion.update(state=REPLACED, decided_on=today).where(
            (SummaryVersion.consent == consent) & (SummaryVersion.state == WAITING)
        ).execute()
        version = SummaryVersion.create(
            consent=consent,
            number=number,
            author=adviser,
            written_on=today,
            state=WAITING,
            body=crypto.encrypt_field(
                opened.data_key, report.uid, _field(consent.id, number), text.strip()
            ),
        )
        post_message(opened, "system", "summary:waiting", today)
        record_event(report, adviser, "summary_written", consent.scope)
    return version


def _waiting(opened: OpenReport, version_id: int) -> SummaryVersion:
    version = (
        SummaryVersion.select(SummaryVersion, Consent)
        .join(Consent)
        .where(
            (SummaryVersion.id == version_id)
            & (Consent.report == opened.report)
            & (SummaryVersion.state == WAITING)
        )
        .first()
    )
    if version is None:
        raise sharing.ConsentError()
    return version


def approve(opened: OpenReport, version_id: int, today: date) -> None:
    """The reporter approves the text: it is sealed to the consent's grantee and shared."""
    version = _waiting(opened, version_id)
    consent = _consent(opened, version.consent_id)
    text = _text(opened, version)
    author = Person.get_or_none(Person.id == version.author_id)
    with db.atomic():
        sharing.write_summary(opened, consent.id, author, text, today)  # raises when it cannot
        version.state, version.decided_on = APPROVED, today
        version.save()
        post_message(opened, "system", "summary:approved", today)


def decline(opened: OpenReport, version_id: int, today: date) -> None:
    """The reporter declines the text: nothing is shared, the adviser sees it was declined."""
    version = _waiting(opened, version_id)
    with db.atomic():
        version.state, version.decided_on = DECLINED, today
        version.save()
        post_message(opened, "system", "summary:declined", today)
        record_event(opened.report, None, "summary_declined", version.consent.scope)


def _text(opened: OpenReport, version: SummaryVersion) -> str:
    return opened.field(_field(version.consent_id, version.number), version.body).decode()


@dataclass(frozen=True)
class Version:
    id: int
    consent_id: int
    scope: str
    grantee: str
    number: int
    author: str
    written_on: date
    state: str
    decided_on: date | None
    text: str


def versions(opened: OpenReport) -> list[Version]:
    """Return the report's summary versions, per consent newest first, decrypted (two queries)."""
    rows = list(
        SummaryVersion.select(SummaryVersion, Consent, Person)
        .join(Consent)
        .join(Person, on=(Consent.grantee == Person.id))
        .where(Consent.report == opened.report)
        .order_by(SummaryVersion.consent, SummaryVersion.number.desc())
    )
    authors = {row.author_id for row in rows if row.author_id}
    names = (
        dict(Person.select(Person.id, Person.display_name).where(Person.id.in_(authors)).tuples())
        if authors
        else {}
    )
    return [
        Version(
            row.id,
            row.consent_id,
            row.consent.scope,
            row.consent.grantee.display_name,
            row.number,
            names.get(row.author_id, ""),
            row.written_on,
            WITHDRAWN if row.state == WAITING and row.consent.revoked_on else row.state,
            row.decided_on or (row.consent.revoked_on if row.state == WAITING else None),
            _text(opened, row),
        )
        for row in rows
    ]
