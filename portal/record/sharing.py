"""Copying chosen record entries into a report being written: nothing else of the record goes.

The copies travel in the reporter's encrypted draft and are filed under the report's own key,
like anything typed into the report; each is marked with the day it was written in the record.
"""

import dataclasses
from datetime import date

from flask_babel import gettext as _

from portal.platform.i18n import day_text
from portal.record import dates, entries
from portal.reports import drafts
from portal.reports.evidence import Evidence

MB = 1024 * 1024


def _day(value: str) -> str:
    return day_text(date.fromisoformat(value))


def as_incident(view: entries.EntryView) -> dict:
    """Turn an entry into an incident of a report, marked with the day it was written."""
    content = view.content or {}
    when = dataclasses.replace(dates.when(content), time="").text()  # the time has its own field
    people = "\n".join(
        person["name"]
        + (f" ({entries.RELATION_LABELS[person['relation']]})" if person["relation"] else "")
        for person in content.get("people", [])
    )
    return {
        "when": when,
        "time": content.get("time", ""),
        "place": " / ".join(v for v in (content.get("place"), content.get("channel")) if v),
        "address": content.get("post_url", ""),
        "people": people,
        "witnesses": content.get("witnesses", ""),
        "description": content.get("what", ""),
        "effect": content.get("effect", ""),
        "actions": content.get("actions", ""),
        "from_record": view.written_on.isoformat(),
        "record_entry": view.uid,
    }


def choose(draft: dict, opened: entries.OpenRecord, uids: list[str], max_total_mb: int) -> int:
    """Put the chosen entries (and their evidence) into the draft in place of earlier choices.

    Return how many files were left out because the report would grow too large.
    """
    chosen = picked(opened, uids)
    draft["record_entries"] = [as_incident(view) for view in chosen]
    files = [f for f in draft.get("files", []) if not f.get("record_entry")]
    total, left_out = sum(f["size"] for f in files), 0
    for view in chosen:
        for listed in view.files:
            meta, data = entries.read_file(opened, view.uid, listed["uid"])
            if total + len(data) > max_total_mb * MB:
                left_out += 1
                continue
            total += len(data)
            files.append(
                {
                    "filename": meta["filename"],
                    "mime": meta["mime"],
                    "sha256": meta["sha256"],
                    "reencoded": meta["reencoded"],
                    "size": len(data),
                    "data": drafts.encode_file(data),
                    "record_entry": view.uid,
                }
            )
    draft["files"] = files
    return left_out


def picked(opened: entries.OpenRecord, uids: list[str]) -> list[entries.EntryView]:
    """Return the readable entries among the chosen uids, in the order they happened."""
    wanted = set(uids)
    return [v for v in entries.read_entries(opened) if v.uid in wanted and v.content]


def evidence_of(opened: entries.OpenRecord, views: list[entries.EntryView]) -> list[Evidence]:
    """Return the evidence files of the entries, as they were accepted into the record."""
    found = []
    for view in views:
        for listed in view.files:
            meta, data = entries.read_file(opened, view.uid, listed["uid"])
            found.append(
                Evidence(meta["filename"], meta["mime"], data, meta["sha256"], meta["reencoded"])
            )
    return found


def as_message(views: list[entries.EntryView]) -> str:
    """Write the entries as one plain-text message, each marked with the day it was written."""
    labels = [
        ("when", _("Date or period")),
        ("time", _("Time")),
        ("place", _("Place or online channel")),
        ("address", _("Online address")),
        ("people", _("People involved")),
        ("witnesses", _("Witnesses")),
        ("description", _("What happened?")),
        ("effect", _("How it affected me")),
        ("actions", _("What I did and whom I told")),
    ]
    parts = []
    for view in views:
        incident = as_incident(view)
        lines = [_("From my record, written on %(day)s", day=_day(incident["from_record"]))]
        lines += [f"{label}: {incident[key]}" for key, label in labels if incident[key]]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def chosen_uids(draft: dict) -> set[str]:
    """Return the entries already copied into the draft."""
    return {incident["record_entry"] for incident in draft.get("record_entries", [])}
