"""Exports of the owner's record: one archive with everything (the PDF, the JSON and every
evidence file), the PDF alone to print, and the JSON alone.

The PDF is printed from a template (templates/record/print.html) by the portal's print pipeline
(platform/printing.py): images are embedded as data: URIs, the only thing the renderer fetches,
and every page says "page x of N" by CSS counters. Everything is made in memory for the owner's
request only: nothing is written to disk, and nothing of it is logged.
"""

import base64
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date

from flask import render_template
from flask_babel import gettext as _

from portal.platform import printing
from portal.platform.i18n import day_text
from portal.record import anchor, chain, dates, entries, timeline

IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
FORMAT = "vertrouwd-record/2"


@dataclass(frozen=True)
class ExportFile:
    entry_uid: str
    meta: dict  # file name, type, SHA-256 as uploaded, re-encoded or not
    data: bytes
    path: str  # where it sits in the archive

    @property
    def image_uri(self) -> str | None:
        """The file as a data: URI when it is an image the PDF can show, else None."""
        if self.meta.get("mime") not in IMAGE_TYPES:
            return None
        return f"data:{self.meta['mime']};base64,{base64.b64encode(self.data).decode()}"


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^\w.\- ]+", "_", name).strip(" .") or "file"
    return cleaned[:100]


def _files(opened: entries.OpenRecord, views: list[entries.EntryView]) -> dict[str, list]:
    """Read every entry's evidence once, each with its own path in the archive."""
    found: dict[str, list[ExportFile]] = {}
    used: set[str] = set()
    for number, view in enumerate(views, 1):
        for listed in view.files:
            try:
                meta, data = entries.read_file(opened, view.uid, listed["uid"])
            except entries.EntryNotFound:
                continue
            path = f"files/{number:03d}-{_safe_name(meta['filename'])}"
            while path in used:  # the same name twice in one entry
                stem, dot, ext = path.rpartition(".")
                path = f"{stem}-2.{ext}" if dot else f"{path}-2"
            used.add(path)
            found.setdefault(view.uid, []).append(ExportFile(view.uid, meta, data, path))
    return found


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def _page_counter() -> str:
    """The CSS content of the page foot: "page " counter(page) " of " counter(pages)."""
    text = _("page %(page)s of %(pages)s", page="\x00page\x00", pages="\x00pages\x00")
    parts = []
    for piece in re.split(r"(\x00pages?\x00)", text):
        if piece in ("\x00page\x00", "\x00pages\x00"):
            parts.append(f"counter({piece.strip(chr(0))})")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def chain_state(verification: chain.Verification, compared: anchor.State) -> str:
    """Say what the check can know: consistency, and what the owner's anchor adds to it."""
    if not verification.intact:
        return _("The chain is broken: something was changed or removed outside the portal.")
    if compared == anchor.State.BEHIND:
        return _(
            "The record is behind what its owner saw before: an older copy may have been put "
            "back, or parts removed, outside the portal."
        )
    if compared == anchor.State.NONE:
        return _(
            "The record is consistent in itself; there was no earlier view of it to compare "
            "with, so whether something was removed before cannot be told."
        )
    return _("Checked: consistent, and nothing was changed or removed since its owner last looked.")


def _pdf(compared, today, views, versions, files, verification) -> bytes:
    html = render_template(
        "record/print.html",
        views=views,
        versions=versions,
        files=files,
        verification=verification,
        chain_text=chain_state(verification, compared),
        months=timeline.per_month(views),
        today=today,
        page_counter=_page_counter(),
        footer_note=_css_string(_("generated on %(day)s", day=day_text(today))),
        labels={code: str(label) for code, label in entries.FORM_LABELS.items()},
        relations={code: str(label) for code, label in entries.RELATION_LABELS.items()},
    )
    return printing.pdf_from_html(html)


def pdf_bytes(opened: entries.OpenRecord, compared: anchor.State, today: date) -> bytes:
    """Return the record as a PDF: the timeline, every entry with its images, versions, hashes."""
    views = entries.read_entries(opened)
    return _pdf(
        compared,
        today,
        views,
        entries.all_versions(opened),
        _files(opened, views),
        chain.verify(opened),
    )


def _json(views, versions, files, verification, compared, today, embed: bool) -> dict:
    exported = []
    for view in views:
        listed = []
        for item in files.get(view.uid, []):
            extra = (
                {"content_base64": base64.b64encode(item.data).decode()}
                if embed
                else {"path": item.path}
            )
            stored = hashlib.sha256(item.data).hexdigest()
            listed.append(item.meta | {"sha256_stored": stored, "size": len(item.data)} | extra)
        exported.append(
            {
                "uid": view.uid,
                "written_on": view.written_on.isoformat(),
                # When it happened, as exactly as the owner knows it (dates.py).
                "happened": view.when.as_dict() if view.when else None,
                "title": (view.content or {}).get("title", ""),
                "versions": [
                    {
                        "number": v.number,
                        "written_on": v.written_on.isoformat(),
                        "hash": v.hash,
                        "happened": dates.when(v.content).as_dict() if v.content else None,
                        "content": v.content,
                    }
                    for v in versions.get(view.uid, [])
                ],
                "files": listed,
            }
        )
    return {
        "format": FORMAT,
        "generated_on": today.isoformat(),
        "chain": {
            "head": verification.head,
            "changes": verification.sequence,
            # Consistent in itself; and how it compares with what the owner last saw
            # (none: there was nothing to compare with, so removals before cannot be told).
            "consistent": verification.intact,
            "compared_with_last_seen": compared.value,
            "problems": [p.__dict__ for p in verification.problems],
        },
        "entries": exported,
    }


def json_export(opened: entries.OpenRecord, compared: anchor.State, today: date) -> dict:
    """Return everything in the record, evidence included (base64), for the owner to keep."""
    views = entries.read_entries(opened)
    files = _files(opened, views)
    versions = entries.all_versions(opened)
    return _json(views, versions, files, chain.verify(opened), compared, today, embed=True)


def archive_name(today: date) -> str:
    return _("my-record") + f"-{today.isoformat()}.zip"


def zip_bytes(opened: entries.OpenRecord, compared: anchor.State, today: date) -> bytes:
    """Return one archive with everything: the PDF, the JSON and every evidence file."""

    views = entries.read_entries(opened)
    files = _files(opened, views)
    versions = entries.all_versions(opened)
    verification = chain.verify(opened)
    pdf = _pdf(compared, today, views, versions, files, verification)
    data = _json(views, versions, files, verification, compared, today, embed=False)
    buffer = io.BytesIO()  # in memory: nothing of the record is written to disk
    stamp = (today.year, today.month, today.day, 0, 0, 0)  # by the day, as the record is
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(path: str, content: bytes) -> None:
            archive.writestr(zipfile.ZipInfo(path, stamp), content, zipfile.ZIP_DEFLATED)

        add("record.pdf", pdf)
        add("record.json", json.dumps(data, ensure_ascii=False, indent=2).encode())
        for listed in files.values():
            for item in listed:
                add(item.path, item.data)
        add("README.txt", _readme(today).encode())
    return buffer.getvalue()


def _readme(today: date) -> str:
    return "\n".join(
        [
            _("My record, downloaded on %(day)s.", day=day_text(today)),
            "",
            _("record.pdf: your record to print or hand over, with the images in it."),
            _("record.json: everything in your record, every version, for a computer to read."),
            _(
                "files/: every evidence file as it is kept in the record. Photos were re-drawn "
                "without hidden details; record.json gives the SHA-256 of each file as you added "
                "it and as it is kept."
            ),
            "",
            _("Keep this file somewhere safe: it holds everything you wrote down."),
            "",
        ]
    )
