"""The sections advisers write every year beside the figures (issue 23, item 4).

- The context: the organisation's size (employees) and the advisers with their hours per month,
  prefilled from the advisers area (internal or external).
- Recommendations: a list, each with a stable id (YearlyRecommendation.uid) that next year's
  report and the prevention measures refer to.
- What became of last year's recommendations: a status and a short note for each.
- The activity register counted by kind (activities.py).

They are kept in the year's encrypted draft (yearly.py) until published; a published version
freezes them in YearlyReport.sections with the signatures (signing.py).
"""

import json
import secrets
from datetime import date

from portal.advisers.models import AdviserProfile
from portal.core.accounts.models import Person, PersonRole
from portal.core.accounts.roles import Role
from portal.insights import activities
from portal.insights.models import YearlyRecommendation, YearlyReport
from portal.platform.i18n import lazy_gettext as _l

STATUSES = [
    ("done", _l("Done")),
    ("in_progress", _l("In progress")),
    ("not_done", _l("Not done")),
    ("dropped", _l("Dropped")),
]
STATUS_LABELS = dict(STATUSES)
RECOMMENDATION = 1000  # characters in one recommendation
NOTE = 500  # characters in a note on what became of one
HOURS = 744  # hours in the longest month


def current_advisers() -> list[tuple[Person, bool]]:
    """Return the active advisers and whether each is external, by name."""
    people = list(
        Person.select()
        .join(PersonRole)
        .where((PersonRole.role == Role.ADVISER.value) & (Person.active == True))
        .distinct()
        .order_by(Person.display_name)
    )
    external = {
        person_id: ext
        for person_id, ext in AdviserProfile.select(AdviserProfile.person, AdviserProfile.external)
        .where(AdviserProfile.person.in_([p.id for p in people]))
        .tuples()
    }
    return [(p, bool(external.get(p.id))) for p in people]


def adviser_rows(texts: dict) -> list[dict]:
    """The context's advisers: each current adviser, as saved in the draft or prefilled.

    Until the draft's context is saved, every current adviser is listed, internal or external as
    in their profile, hours not filled in.
    """
    saved = texts.get("advisers") or {}
    rows = []
    for person, external in current_advisers():
        kept = saved.get(str(person.id))
        rows.append(
            {
                "person_id": person.id,
                "name": person.display_name,
                "listed": kept["listed"] if kept else True,
                "external": kept["external"] if kept else external,
                "hours": kept["hours"] if kept else None,
            }
        )
    return rows


def listed_ids(texts: dict) -> list[int]:
    """Return the advisers listed on the report: they sign it."""
    return [row["person_id"] for row in adviser_rows(texts) if row["listed"]]


def context_changes(employees: int | None, advisers: dict[int, dict]) -> dict:
    """Return the draft keys the context form changes."""
    return {
        "employees": employees,
        "advisers": {
            str(pid): {
                "listed": bool(v["listed"]),
                "external": bool(v["external"]),
                "hours": v["hours"],
            }
            for pid, v in advisers.items()
        },
    }


def recommendation_changes(texts: dict, edited: dict[str, str], new: str) -> dict:
    """Return the draft's recommendations with edits applied: an emptied one is removed."""
    kept = []
    for item in texts.get("recommendation_list") or []:
        text = (edited.get(item["uid"], item["text"]) or "").strip()
        if text:
            kept.append({"uid": item["uid"], "text": text[:RECOMMENDATION]})
    if new.strip():
        kept.append({"uid": secrets.token_urlsafe(8), "text": new.strip()[:RECOMMENDATION]})
    return {"recommendation_list": kept}


def last_year(year: int) -> list[YearlyRecommendation]:
    """Return the recommendations published in last year's report, in their order."""
    return list(
        YearlyRecommendation.select()
        .where(YearlyRecommendation.year == year - 1)
        .order_by(YearlyRecommendation.position, YearlyRecommendation.id)
    )


def followup_rows(year: int, texts: dict) -> list[dict]:
    """Last year's recommendations with what the draft says became of each."""
    saved = texts.get("followups") or {}
    return [
        {
            "uid": r.uid,
            "text": r.text,
            "status": (saved.get(r.uid) or {}).get("status", ""),
            "note": (saved.get(r.uid) or {}).get("note", ""),
        }
        for r in last_year(year)
    ]


def followup_changes(year: int, given: dict[str, tuple[str, str]]) -> dict:
    """Return the draft's follow-ups: a status (or none yet) and a note per recommendation."""
    known = {r.uid for r in last_year(year)}
    return {
        "followups": {
            uid: {
                "status": status if status in STATUS_LABELS else "",
                "note": note.strip()[:NOTE],
            }
            for uid, (status, note) in given.items()
            if uid in known
        }
    }


def build(year: int, texts: dict) -> dict:
    """Return the sections as they would be published now (without signatures)."""
    advisers = [
        {"name": r["name"], "external": r["external"], "hours": r["hours"]}
        for r in adviser_rows(texts)
        if r["listed"]
    ]
    return {
        "employees": texts.get("employees"),
        "advisers": advisers,
        "activities": activities.counts(year),
        "recommendations": list(texts.get("recommendation_list") or []),
        "followups": followup_rows(year, texts),
    }


def keep_recommendations(year: int, items: list[dict]) -> None:
    """Record the published recommendations under their stable ids (the latest text wins).

    A later version that no longer lists one removes it: next year's report follows the
    latest version.
    """
    YearlyRecommendation.delete().where(
        (YearlyRecommendation.year == year)
        & YearlyRecommendation.uid.not_in([item["uid"] for item in items])
    ).execute()
    for position, item in enumerate(items):
        found = YearlyRecommendation.get_or_none(YearlyRecommendation.uid == item["uid"])
        if found is None:
            YearlyRecommendation.create(
                uid=item["uid"], year=year, position=position, text=item["text"]
            )
        else:
            found.position, found.text = position, item["text"]
            found.save()


def published(report: YearlyReport) -> dict:
    """Return a published version's frozen sections (empty for versions from before them)."""
    found = json.loads(report.sections) if report.sections else {}
    for signature in found.get("signatures", []):
        signature["signed_on"] = date.fromisoformat(signature["signed_on"])
    return found
