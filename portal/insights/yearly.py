"""The yearly report: the advisers' shared draft, the suppressed snapshot, published versions."""

import json
import logging
from datetime import date

from flask import current_app
from flask_babel import gettext as _

from portal.core.accounts.models import KeyRing, Person, PersonRole, utcnow
from portal.core.accounts.roles import Role
from portal.insights import figures, publication, sections, signing
from portal.insights.models import YearlyDraft, YearlyDraftKey, YearlyReport
from portal.platform import crypto, mail
from portal.platform.database import db
from portal.platform.i18n import in_language_of

log = logging.getLogger(__name__)
SECTIONS = ("observations", "recommendations", "prevention")
# The same sections in English, optional: the English reader's page and PDF use them.
ENGLISH = {section: f"{section}_en" for section in SECTIONS}
NARRATIVE_KEYS = (*SECTIONS, *ENGLISH.values())
# The rest of the draft: the context, the recommendations one by one, last year's follow-ups.
DRAFT_KEYS = (*NARRATIVE_KEYS, "employees", "advisers", "recommendation_list", "followups")
DRAFT_FIELD = "yearly-draft"


class YearlyError(Exception):
    """A draft or publication that cannot be read or made."""


class DraftLocked(YearlyError):
    """The draft was sealed before this adviser had a key; another adviser must save it once."""


class NotPublished(YearlyError):
    """No such published version."""


# --- the snapshot -----------------------------------------------------------------

# Read by the bench, the views and the tests through this module.
snapshot = publication.snapshot
hidden_cells = publication.hidden_cells
HiddenCell = publication.HiddenCell


class VersionRefused(YearlyError):
    """A new version would show, beside an earlier one, a difference under the threshold."""

    def __init__(self, prepared: publication.Prepared):
        super().__init__("version refused")
        self.moved = prepared.moved
        self.uncompared = prepared.uncompared


def prepare(year: int, today: date, min_cell: int) -> publication.Prepared:
    """Build the year's figures now, as they would be published beside every earlier one.

    The legal deadlines are read as on the year's first publication (figures._integrity_clock).
    """
    first = publication.first_published_on(year)
    clock_day = min(first, today) if first else today
    return publication.prepare(figures.build(year, today, clock_day), min_cell)


def current_snapshot(year: int, today: date, min_cell: int) -> dict:
    """Build the year's figures now and return them as they would be published."""
    return prepare(year, today, min_cell).snap


# --- the shared draft ---------------------------------------------------------------


def _adviser_rings() -> list[KeyRing]:
    advisers = PersonRole.select(PersonRole.person).where(PersonRole.role == Role.ADVISER.value)
    return list(KeyRing.select().where(KeyRing.person.in_(advisers)))


def open_draft(year: int, adviser: Person, private_key: bytes | None) -> dict[str, str]:
    """Return the narrative of the year's draft, decrypted with the adviser's key."""
    draft = YearlyDraft.get_or_none(YearlyDraft.year == year)
    if draft is None or draft.body is None:
        return dict.fromkeys(DRAFT_KEYS, "")
    sealed = YearlyDraftKey.get_or_none(
        (YearlyDraftKey.draft == draft) & (YearlyDraftKey.person == adviser)
    )
    if sealed is None or private_key is None:
        raise DraftLocked()
    data_key = crypto.unseal(private_key, sealed.sealed_key)
    body = crypto.decrypt_field(data_key, f"yearly-{year}", DRAFT_FIELD, draft.body)
    return {**dict.fromkeys(DRAFT_KEYS, ""), **json.loads(body)}


def save_draft(year: int, adviser: Person, private_key: bytes | None, changes: dict) -> list[str]:
    """Save changes to the draft, encrypted under its key, sealed to every adviser with a key.

    Changes name some of DRAFT_KEYS; the rest of the draft stays. A change withdraws every
    signature of the year (signing.py): return the names whose signature it withdrew.
    """
    with db.atomic():
        draft, _created = YearlyDraft.get_or_create(year=year)
        data_key = None
        before: dict = {}
        if draft.body is not None:
            sealed = YearlyDraftKey.get_or_none(
                (YearlyDraftKey.draft == draft) & (YearlyDraftKey.person == adviser)
            )
            if sealed is None or private_key is None:
                raise DraftLocked()
            data_key = crypto.unseal(private_key, sealed.sealed_key)
            before = json.loads(
                crypto.decrypt_field(data_key, f"yearly-{year}", DRAFT_FIELD, draft.body)
            )
        data_key = data_key or crypto.random_key()
        after = {**dict.fromkeys(NARRATIVE_KEYS, ""), **before}
        for key in DRAFT_KEYS:
            if key in changes:
                value = changes[key]
                after[key] = (value or "").strip() if key in NARRATIVE_KEYS else value
        withdrawn = (
            signing.withdraw(year) if after != {**dict.fromkeys(NARRATIVE_KEYS, ""), **before} else []
        )
        draft.body = crypto.encrypt_field(
            data_key, f"yearly-{year}", DRAFT_FIELD, json.dumps(after)
        )
        draft.updated_at, draft.updated_by = utcnow(), adviser
        draft.save()
        have = {k.person_id for k in YearlyDraftKey.select().where(YearlyDraftKey.draft == draft)}
        for ring in _adviser_rings():
            if ring.person_id not in have:
                YearlyDraftKey.create(
                    draft=draft,
                    person=ring.person_id,
                    sealed_key=crypto.seal(bytes(ring.public_key), data_key),
                )
    return withdrawn


# --- publishing ---------------------------------------------------------------------


def publish(
    year: int,
    adviser: Person,
    texts: dict,
    correction: str,
    today: date,
    min_cell: int,
    notify: bool = True,
) -> YearlyReport:
    """Freeze the figures, the narrative and the sections as a new version; tell management and HR.

    Refused (signing.NotSigned) until every adviser listed on the report signed it, and
    (VersionRefused) when a count moved since an earlier version by less than the threshold,
    or an earlier version has no counts to compare with (disclosure.py).
    """
    signed = signing.check(year, sections.listed_ids(texts))
    prepared = prepare(year, today, min_cell)
    if prepared.moved or prepared.uncompared:
        raise VersionRefused(prepared)
    snap = prepared.snap
    frozen = {**sections.build(year, texts), "signatures": signed}
    with db.atomic():
        previous = (
            YearlyReport.select()
            .where(YearlyReport.year == year)
            .order_by(YearlyReport.version.desc())
        ).first()
        report = YearlyReport.create(
            year=year,
            version=(previous.version + 1) if previous else 1,
            published_on=today,
            published_by=adviser,
            min_cell=snap["min_cell"],
            figures=json.dumps(snap),
            counts=json.dumps(prepared.counts),
            correction=correction.strip() if previous else "",
            sections=json.dumps(frozen),
            english=english_json(texts),
            **{s: (texts.get(s) or "").strip() for s in SECTIONS},
        )
        sections.keep_recommendations(year, frozen["recommendations"])
    if notify:
        notify_readers(report)
    return report


def readers() -> list[Person]:
    """Return the active people who read the published report (management and HR)."""
    roles = [Role.MANAGEMENT.value, Role.HR.value]
    return list(
        Person.select()
        .join(PersonRole)
        .where((PersonRole.role.in_(roles)) & (Person.active == True))
        .distinct()
        .order_by(Person.id)
    )


def notify_readers(report: YearlyReport) -> int:
    """E-mail management and HR that a report is out: no figures, no text; return how many."""
    sent = 0
    for person in readers():
        with in_language_of(person):
            subject = _("The yearly report of the confidential advisers is published")
            body = "\n\n".join(
                [
                    _(
                        "The confidential advisers published their yearly report for %(year)s. Sign in to %(portal)s and open 'Insights' to read it.",
                        year=report.year,
                        portal=current_app.config["PORTAL_URL"],
                    ),
                    _("This message contains no figures and nothing about anyone."),
                ]
            )
        try:
            mail.send(person.email, subject, body)
            sent += 1
        except mail.MailNotSent as exc:
            log.warning("yearly report notice not sent: %s", exc)
    return sent


def published_list() -> list[YearlyReport]:
    """Return every published version, newest year and version first."""
    return list(
        YearlyReport.select(
            YearlyReport.id,
            YearlyReport.year,
            YearlyReport.version,
            YearlyReport.published_on,
            YearlyReport.correction,
        ).order_by(YearlyReport.year.desc(), YearlyReport.version.desc())
    )


def published(year: int, version: int) -> tuple[YearlyReport, dict]:
    """Return one published version and its frozen figures."""
    report = YearlyReport.get_or_none(
        (YearlyReport.year == year) & (YearlyReport.version == version)
    )
    if report is None:
        raise NotPublished()
    return report, json.loads(report.figures)


def preview(year: int, texts: dict, today: date, min_cell: int) -> tuple[YearlyReport, dict]:
    """Return an unsaved report as management would see it if published now."""
    snap = current_snapshot(year, today, min_cell)
    listed = sections.listed_ids(texts)
    signed = signing.signatures(year)
    preview_sections = {
        **sections.build(year, texts),
        "signatures": [
            {"name": p.display_name, "signed_on": signed[p.id].isoformat()}
            for p in Person.select().where(Person.id.in_(listed)).order_by(Person.display_name)
            if p.id in signed
        ],
    }
    report = YearlyReport(
        year=year,
        version=0,
        published_on=today,
        min_cell=snap["min_cell"],
        sections=json.dumps(preview_sections),
        english=english_json(texts),
        **{s: texts.get(s, "") for s in SECTIONS},
    )
    return report, snap


def english_json(texts: dict) -> str:
    """Return the draft's English narrative as the report keeps it (section -> text)."""
    english = {s: (texts.get(key) or "").strip() for s, key in ENGLISH.items()}
    return json.dumps({s: text for s, text in english.items() if text})
