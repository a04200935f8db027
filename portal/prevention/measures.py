"""The register of prevention measures (#24 item 4).

Each measure may answer one of the yearly report's recommendations. It is linked by the
recommendation's stable uid (insights' YearlyRecommendation.uid), which stays the same across
the report's versions and years, where a row id would not.
"""

from dataclasses import dataclass
from datetime import date

from portal.insights.models import YearlyRecommendation
from portal.platform.i18n import lazy_gettext as _l
from portal.prevention.models import Measure

STATUSES = [
    ("planned", _l("Planned")),
    ("in_progress", _l("In progress")),
    ("done", _l("Done")),
    ("dropped", _l("Dropped")),
]
STATUS_LABELS = dict(STATUSES)
TITLE, OWNER, OUTCOME = 200, 120, 2000
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


class MeasureError(Exception):
    """A change to the register that cannot be made."""


class UnknownMeasure(MeasureError):
    pass


class UnknownRecommendation(MeasureError):
    pass


class UnknownStatus(MeasureError):
    pass


class DueOutOfRange(MeasureError):
    pass


class Missing(MeasureError):
    """The title or the owner is empty."""


@dataclass
class MeasureInput:
    title: str
    owner: str
    due_on: date | None
    status: str
    outcome: str
    recommendation_uid: str


def recommendations() -> list[YearlyRecommendation]:
    """The published recommendations a measure may answer, newest year first."""
    return list(
        YearlyRecommendation.select().order_by(
            YearlyRecommendation.year.desc(), YearlyRecommendation.position
        )
    )


def _checked(given: MeasureInput) -> dict:
    title, owner = given.title.strip(), given.owner.strip()
    if not title or not owner:
        raise Missing()
    if given.status not in STATUS_LABELS:
        raise UnknownStatus(given.status)
    if given.due_on is not None and not EARLIEST <= given.due_on <= LATEST:
        raise DueOutOfRange()
    uid = (given.recommendation_uid or "").strip() or None
    if (
        uid is not None
        and not YearlyRecommendation.select().where(YearlyRecommendation.uid == uid).exists()
    ):
        raise UnknownRecommendation(uid)
    return {
        "title": title[:TITLE],
        "owner": owner[:OWNER],
        "due_on": given.due_on,
        "status": given.status,
        "outcome": given.outcome.strip()[:OUTCOME],
        "recommendation_uid": uid,
    }


def add(given: MeasureInput, today: date) -> Measure:
    return Measure.create(**_checked(given), created_on=today, updated_on=today)


def get(measure_id: int) -> Measure:
    found = Measure.get_or_none(Measure.id == measure_id)
    if found is None:
        raise UnknownMeasure(measure_id)
    return found


def update(measure_id: int, given: MeasureInput, today: date) -> Measure:
    measure = get(measure_id)
    for name, value in _checked(given).items():
        setattr(measure, name, value)
    measure.updated_on = today
    measure.save()
    return measure


def mark_done(measure_id: int, today: date) -> Measure:
    measure = get(measure_id)
    measure.status, measure.updated_on = "done", today
    measure.save()
    return measure


@dataclass
class Row:
    measure: Measure
    recommendation: YearlyRecommendation | None
    linked: bool  # linked to a uid, found or not (a later version may have dropped it)


def register() -> list[Row]:
    """Every measure, open ones first by due date, with the recommendation it answers."""
    measures = list(Measure.select())
    uids = {m.recommendation_uid for m in measures if m.recommendation_uid}
    found = (
        {r.uid: r for r in YearlyRecommendation.select().where(YearlyRecommendation.uid.in_(uids))}
        if uids
        else {}
    )
    order = {key: n for n, (key, _label) in enumerate(STATUSES)}
    measures.sort(
        key=lambda m: (m.status in ("done", "dropped"), m.due_on or LATEST, order[m.status], m.id)
    )
    return [
        Row(m, found.get(m.recommendation_uid or ""), bool(m.recommendation_uid)) for m in measures
    ]


def answering(uid: str) -> list[Measure]:
    """The measures that answer one recommendation."""
    return list(Measure.select().where(Measure.recommendation_uid == uid).order_by(Measure.id))
