"""While an adviser is away, their stand-in answers for their reports.

Who stands in: the stand-in named on the adviser's profile, beside the "away until" date
(HR keeps both; the directory shows them to reporters). An adviser is away up to and
including that day. For each adviser on a report who is away and has a stand-in, the
stand-in receives the report's deadlines and is told of the reporter's messages; they see the
report's reference, status and deadlines and may acknowledge receipt. The content reaches
them only when the reporter agrees, sealed with the reporter's own key (agree), as a
transfer is. Without a stand-in, everything stays with the adviser.
"""

from dataclasses import dataclass
from datetime import date

from portal.advisers.models import AdviserProfile
from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing, Person
from portal.core.accounts.roles import Role
from portal.platform.database import db
from portal.reports import deadlines, filing
from portal.reports.handover import STAND_IN, Handover
from portal.reports.models import Report, ReportKey
from portal.reports.opening import OpenReport, advisers_of, post_message, record_event
from portal.reports.status import OPEN, Status


class NoStandIn(Exception):
    """Nobody stands in for this report now (or they read it already)."""


@dataclass(frozen=True)
class Absence:
    adviser: Person
    until: date
    stand_in: Person | None
    stand_in_reads: bool  # the reporter let the stand-in read the report
    declined_on: date | None  # the reporter chose to wait for their adviser


@dataclass(frozen=True)
class WhoAnswers:
    advisers: list[Person]
    away: list[Absence]

    @property
    def offer(self) -> Absence | None:
        """The absence whose stand-in the reporter may let read, if any."""
        return next((a for a in self.away if a.stand_in is not None and not a.stand_in_reads), None)


def _is_stand_in(person: Person | None) -> bool:
    return person is not None and person.active and person.has_role(Role.ADVISER)


def who_answers(report: Report, today: date) -> WhoAnswers:
    """Say who answers the report today: its advisers, and for those away, their stand-ins."""
    advisers = advisers_of(report)
    on_report = {p.id for p in advisers}
    profiles = {
        p.person_id: p
        for p in AdviserProfile.select().where(
            AdviserProfile.person.in_(list(on_report)) & (AdviserProfile.away_until >= today)
        )
    }
    stand_in_ids = {p.stand_in_id for p in profiles.values() if p.stand_in_id}
    stand_ins = {
        p.id: p
        for p in (Person.select().where(Person.id.in_(list(stand_in_ids))) if stand_in_ids else [])
    }
    declined = (
        {
            row.colleague_id: row.answered_on
            for row in Handover.select()
            .where(
                (Handover.report == report)
                & (Handover.kind == STAND_IN)
                & (Handover.answer == "declined")
            )
            .order_by(Handover.id)
        }
        if stand_in_ids
        else {}
    )
    away = []
    for adviser in advisers:
        profile = profiles.get(adviser.id)
        if profile is None:
            continue
        stand_in = stand_ins.get(profile.stand_in_id)
        stand_in = stand_in if _is_stand_in(stand_in) and stand_in.id != adviser.id else None
        reads = stand_in is not None and stand_in.id in on_report
        answer = declined.get(stand_in.id) if stand_in and not reads else None
        away.append(Absence(adviser, profile.away_until, stand_in, reads, answer))
    return WhoAnswers(advisers, away)


def away_until(adviser_ids: list[int], today: date) -> dict[int, date]:
    """Map each of these advisers who is away today to the last day of their absence."""
    if not adviser_ids:
        return {}
    return {
        p.person_id: p.away_until
        for p in AdviserProfile.select(AdviserProfile.person, AdviserProfile.away_until).where(
            AdviserProfile.person.in_(adviser_ids) & (AdviserProfile.away_until >= today)
        )
    }


def recipients(adviser_ids: list[int], today: date) -> dict[int, int]:
    """Map each adviser to who receives their deadlines today: their stand-in when away."""
    routed = {}
    for profile in (
        AdviserProfile.select(AdviserProfile.person, AdviserProfile.stand_in)
        .join(Person, on=(AdviserProfile.stand_in == Person.id))
        .where(
            AdviserProfile.person.in_(adviser_ids)
            & (AdviserProfile.away_until >= today)
            & (Person.active == True)  # noqa: E712 - peewee builds SQL from ==
        )
    ):
        routed[profile.person_id] = profile.stand_in_id
    return {a: routed.get(a, a) for a in adviser_ids}


@dataclass(frozen=True)
class StandInLine:
    """A colleague's report I stand in for, as my today page and the stand-in page show it."""

    report: Report
    adviser_name: str
    away_until: date
    reads: bool  # the reporter let me read it


def reports_standing_in(person: Person, today: date) -> list[StandInLine]:
    """Return the open reports of advisers away today for whom this person stands in
    (two queries, however many there are)."""
    rows = (
        Report.select(Report, Person.display_name, AdviserProfile.away_until)
        .join(ReportKey, on=(ReportKey.report == Report.id))
        .join(Person, on=(ReportKey.person == Person.id))
        .join(AdviserProfile, on=(AdviserProfile.person == Person.id))
        .where(
            (AdviserProfile.stand_in == person)
            & (AdviserProfile.away_until >= today)
            & (ReportKey.role == "adviser")
            & (ReportKey.person != person)
            & Report.status.in_(OPEN)
        )
        .order_by(Report.received_on, Report.id)
        .objects()
    )
    rows = list(rows)
    if not rows:
        return []
    mine = {
        k.report_id
        for k in ReportKey.select(ReportKey.report).where(
            (ReportKey.person == person) & ReportKey.report.in_([r.id for r in rows])
        )
    }
    seen, lines = set(), []
    for row in rows:
        if row.id not in seen:
            seen.add(row.id)
            lines.append(StandInLine(row, row.display_name, row.away_until, row.id in mine))
    return lines


def standing_in_for(person: Person, reference: str, today: date) -> StandInLine:
    """Return the report with this reference if this person stands in for it now; else raise."""
    for line in reports_standing_in(person, today):
        if line.report.reference == reference:
            return line
    raise NoStandIn()


def acknowledge(person: Person, reference: str, today: date) -> Report:
    """The stand-in acknowledges receipt: the status and the legal clock move on, as when
    the adviser does; the reporter sees it on their page (no content is needed or read)."""
    report = standing_in_for(person, reference, today).report
    if not report.status.may_acknowledge:
        raise NoStandIn()
    with db.atomic():
        report.status, report.acknowledged_on = Status.ACKNOWLEDGED, today
        report.feedback_due_on = deadlines.feedback_due(report)
        report.save()
        record_event(report, person, "status", "acknowledged")
    return report


def _offer(opened: OpenReport, today: date) -> Absence:
    absence = who_answers(opened.report, today).offer
    if absence is None or KeyRing.get_or_none(KeyRing.person == absence.stand_in) is None:
        raise NoStandIn()
    return absence


def agree(opened: OpenReport, today: date) -> Person:
    """The reporter lets the stand-in read and answer: sealed with the reporter's own key."""
    absence = _offer(opened, today)
    stand_in = absence.stand_in
    with db.atomic():
        filing.grant(opened.report, stand_in, "adviser", opened.data_key)
        Handover.create(
            report=opened.report,
            kind=STAND_IN,
            asked_by=absence.adviser,
            colleague=stand_in,
            colleague_key=keyring.fingerprint_of(stand_in.id),
            asked_on=today,
            answer="agreed",
            answered_on=today,
        )
        post_message(opened, "system", "handover:agreed:stand_in", today)
        record_event(opened.report, stand_in, "handover", "agreed:stand_in")
    return stand_in


def decline(opened: OpenReport, today: date) -> None:
    """The reporter waits for their own adviser: the stand-in keeps seeing only the dates."""
    absence = _offer(opened, today)
    Handover.create(
        report=opened.report,
        kind=STAND_IN,
        asked_by=absence.adviser,
        colleague=absence.stand_in,
        asked_on=today,
        answer="declined",
        answered_on=today,
    )
    record_event(opened.report, None, "handover", "declined:stand_in")


def end_stand_ins(today: date) -> int:
    """End the stand-in's access once the adviser is back (run daily by `portal remind`).

    The reporter let the stand-in read while their adviser was away: from the day after the
    absence, the stand-in's key to the report is removed (unless the reporter also agreed to
    them as a colleague). Return how many ended.
    """
    ended = 0
    agreed = Handover.select().where(
        (Handover.kind == STAND_IN)
        & (Handover.answer == "agreed")
        & Handover.asked_by.is_null(False)
    )
    for row in agreed:
        profile = AdviserProfile.get_or_none(AdviserProfile.person == row.asked_by_id)
        if profile is not None and profile.is_away(today):
            continue
        also_colleague = Handover.select().where(
            (Handover.report == row.report_id)
            & (Handover.colleague == row.colleague_id)
            & (Handover.kind != STAND_IN)
            & (Handover.answer == "agreed")
        )
        with db.atomic():
            if not also_colleague.exists():
                ReportKey.delete().where(
                    (ReportKey.report == row.report_id)
                    & (ReportKey.person == row.colleague_id)
                    & (ReportKey.role == "adviser")
                ).execute()
            Handover.update(answer="ended", answered_on=today).where(
                Handover.id == row.id
            ).execute()
            record_event(row.report, row.colleague, "handover", "ended:stand_in")
        ended += 1
    return ended
