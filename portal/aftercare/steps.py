"""The seven steps of a case: status and dates, the platform notice, the police report, the clocks."""

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _

from portal.aftercare import protocol
from portal.aftercare.cases import CaseError, OpenCase, require_staff
from portal.aftercare.models import CaseStep, EvidenceItem
from portal.platform.database import db


class StepError(CaseError):
    """A step change that cannot be carried out."""


@dataclass(frozen=True)
class StepChange:
    owner: str
    status: str
    due_on: date | None
    done_on: date | None
    note: str


@dataclass(frozen=True)
class StepView:
    number: int
    title: object
    what: object
    owner: str
    status: str
    due_on: date | None
    done_on: date | None
    note: str
    overdue: bool
    for_employee: object = None  # what the step means, said to the employee


def step_rows(case) -> dict[int, CaseStep]:
    """Return a case's step rows by number."""
    return {row.number: row for row in CaseStep.select().where(CaseStep.case == case)}


def views(opened: OpenCase, today: date) -> list[StepView]:
    """Return the seven steps with their decrypted notes, in the protocol's order."""
    rows = step_rows(opened.case)
    result = []
    for step in protocol.STEPS:
        row = rows[step.number]
        result.append(
            StepView(
                step.number,
                step.title,
                step.what,
                row.owner,
                row.status,
                row.due_on,
                row.done_on,
                opened.decrypt(f"step-{step.number}-note", row.note),
                bool(row.due_on and row.due_on < today and row.status not in protocol.FINISHED),
                step.for_employee,
            )
        )
    return result


def get_row(opened: OpenCase, number: int) -> CaseStep:
    """Return one step row of the case, or raise StepError."""
    row = CaseStep.get_or_none((CaseStep.case == opened.case) & (CaseStep.number == number))
    if row is None:
        raise StepError()
    return row


def update(opened: OpenCase, number: int, change: StepChange, today: date) -> None:
    """Change who does a step, its status, dates and note."""
    require_staff(opened)
    if change.owner not in protocol.OWNERS or change.status not in protocol.STATUSES:
        raise StepError()
    row = get_row(opened, number)
    done_on = change.done_on
    if change.status == "done" and done_on is None:
        done_on = today
    if change.status not in protocol.FINISHED:
        done_on = None
    with db.atomic():
        row.owner, row.status, row.due_on, row.done_on = (
            change.owner,
            change.status,
            change.due_on,
            done_on,
        )
        row.note = opened.encrypt(f"step-{number}-note", change.note.strip())
        row.save()


def details(opened: OpenCase, number: int) -> dict:
    """Return a step's encrypted details (the platform notice, the police report)."""
    row = get_row(opened, number)
    text = opened.decrypt(f"step-{number}-details", row.details)
    return json.loads(text) if text else {}


# --- the platform notice (step 4) -------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    sent_on: date | None
    platform: str
    reference: str
    asked: str
    decision: str
    decided_on: date | None
    removed: bool | None


def record_notice(opened: OpenCase, notice: Notice) -> None:
    """Record the notice to the platform (sent: step 4 is done) and the platform's answer."""
    require_staff(opened)
    if notice.platform and notice.platform not in protocol.PLATFORMS:
        raise StepError()
    row = get_row(opened, protocol.PLATFORM)
    payload = {
        "platform": notice.platform,
        "reference": notice.reference.strip(),
        "asked": notice.asked.strip(),
        "decision": notice.decision.strip(),
    }
    with db.atomic():
        row.started_on, row.decided_on, row.removed = (
            notice.sent_on,
            notice.decided_on,
            notice.removed,
        )
        # Sending the notice is the step; the platform's answer is kept beside it (decided_on,
        # removed) and feeds the legal-help proposal (clocks).
        if notice.sent_on and row.status != "done":
            row.status, row.done_on = "done", notice.sent_on
        row.details = opened.encrypt(f"step-{protocol.PLATFORM}-details", json.dumps(payload))
        row.save()


def draft_notice(item: dict, notifier_name: str, notifier_email: str, organisation: str) -> str:
    """Draft a notice to a platform (Digital Services Act) from an evidence item, for copying."""
    platform = str(protocol.PLATFORMS.get(item.get("platform", ""), "")) or item.get(
        "platform_other", ""
    )
    lines = [
        _("Notice of illegal content"),
        "",
        _("Address (URL) of the content: %(url)s", url=item.get("url") or "…"),
        _("Platform: %(platform)s", platform=platform or "…"),
        _("Posted by: %(handle)s", handle=item.get("handle") or "…"),
        _("Seen on: %(seen)s", seen=item.get("seen_at") or "…"),
        "",
        _(
            "Why this content is illegal: it insults, threatens or defames our employee in their "
            "work for %(organisation)s. [Explain in your own words which law it breaks, for "
            "example insult, defamation, threat or stalking.]",
            organisation=organisation,
        ),
        "",
        _("We ask you to remove this content and to tell us your decision and the reasons for it."),
        "",
        _(
            "Notifier: %(name)s, %(email)s, on behalf of %(organisation)s",
            name=notifier_name,
            email=notifier_email,
            organisation=organisation,
        ),
        _(
            "I confirm that I believe in good faith that the information and allegations in "
            "this notice are accurate and complete."
        ),
    ]
    return "\n".join(lines)


# --- the police report by the organisation (step 6) --------------------------------------


@dataclass(frozen=True)
class PoliceReport:
    filed_by: str
    address: str
    public_task: bool
    complaint_offence: bool
    learned_on: date | None
    authorised_on: date | None
    registration: str
    filed_on: date | None


def record_police(opened: OpenCase, report: PoliceReport) -> None:
    """Record the police report the organisation files; the complaint clock runs from learned_on."""
    require_staff(opened)
    row = get_row(opened, protocol.POLICE)
    payload = {
        "filed_by": report.filed_by.strip(),
        "address": report.address.strip(),
        "public_task": report.public_task,
        "authorised_on": report.authorised_on.isoformat() if report.authorised_on else "",
        "registration": report.registration.strip(),
    }
    deadline = (
        protocol.police_complaint_until(report.learned_on)
        if report.complaint_offence and report.learned_on
        else None
    )
    with db.atomic():
        if deadline:  # the complaint's last day is the step's due date
            row.due_on = deadline
        elif (
            row.complaint_offence
            and row.started_on
            and row.due_on == (protocol.police_complaint_until(row.started_on))
        ):
            row.due_on = None  # no complaint needed after all: the old deadline goes
        row.complaint_offence = report.complaint_offence
        row.started_on = report.learned_on
        if report.filed_on and report.registration.strip():
            row.status, row.done_on = "done", report.filed_on
        elif row.status == "todo" and (report.filed_by or report.learned_on):
            row.status = "doing"
        row.details = opened.encrypt(f"step-{protocol.POLICE}-details", json.dumps(payload))
        row.save()


# --- the clocks ------------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    kind: str  # platform_complaint, police_complaint, legal_help
    due_on: date


@dataclass
class Clocks:
    items: list[Clock] = field(default_factory=list)

    def get(self, kind: str) -> Clock | None:
        """Return the clock of this kind, if it runs."""
        return next((c for c in self.items if c.kind == kind), None)


def clocks(case, legal_help_days: int) -> Clocks:
    """Return the deadlines and proposals that run for a case, from plain columns only."""
    return clocks_of(step_rows(case), still_online(case), legal_help_days)


def clocks_of(rows: dict[int, CaseStep], online: bool, legal_help_days: int) -> Clocks:
    """Return the clocks of a case from its step rows and whether its post may be online."""
    found = Clocks()
    platform, police, legal = rows[protocol.PLATFORM], rows[protocol.POLICE], rows[protocol.LEGAL]
    if platform.decided_on and platform.removed is False:
        found.items.append(
            Clock("platform_complaint", protocol.platform_complaint_until(platform.decided_on))
        )
    if police.complaint_offence and police.started_on and police.status not in protocol.FINISHED:
        found.items.append(
            Clock("police_complaint", protocol.police_complaint_until(police.started_on))
        )
    if platform.started_on and platform.removed is not True and legal.status == "todo" and online:
        due = platform.started_on + timedelta(days=legal_help_days)
        if platform.removed is False and platform.decided_on:
            due = min(due, platform.decided_on)  # the platform refused: propose it at once
        found.items.append(Clock("legal_help", due))
    return found


def still_online(case) -> bool:
    """Tell whether the post may still be online: no evidence item says it is gone."""
    return online_from(
        [i.still_online for i in EvidenceItem.select().where(EvidenceItem.case == case)]
    )


def online_from(states: list[bool | None]) -> bool:
    """Tell from the evidence items' "still online" answers whether the post may be online."""
    return not states or any(state is not False for state in states)


def legal_help_proposed(case, legal_help_days: int, today: date) -> bool:
    """Tell whether the case proposes the legal-help step today."""
    clock = clocks(case, legal_help_days).get("legal_help")
    return clock is not None and clock.due_on <= today
