"""Web helpers the record's pages share, whether it is opened by its owner's key or its code."""

from flask import current_app, request, session
from flask_babel import gettext as _

from portal.followup import report_page
from portal.record import entries, holding
from portal.record.forms import EntryForm
from portal.reports import drafts

MB = 1024 * 1024


HELD = "record_held"  # the cookie's token for the files held across a form error


def chosen_files(opened: entries.OpenRecord, target: str, form: EntryForm, already: int) -> list:
    """Return the files the entry will have: those held from an earlier try (less any ticked
    to leave out) and the new uploads; the reasons for refused ones go on the file field."""
    kept = holding.held(opened, session.get(HELD), target)
    left_out = {value for value in request.form.getlist("remove") if value.isdigit()}
    kept = [f for index, f in enumerate(kept) if str(index) not in left_out]
    files, refusals = report_page.uploaded_evidence("files")
    limit = current_app.config["EVIDENCE_MAX_REPORT_MB"] * MB
    if sum(f.size for f in kept + files) + already > limit:
        refusals.append(_("Together the files would be too large for one entry."))
        files = []
    if refusals:
        form.files.errors = list(refusals)
    return kept + files


def hold(opened: entries.OpenRecord, target: str, files: list, form: EntryForm) -> None:
    """Keep the chosen files for the entry sent back for a correction (see holding.py)."""
    try:
        session[HELD] = holding.keep(
            opened, session.get(HELD), target, files, request.remote_addr or ""
        )
    except drafts.StorageFull:
        session.pop(HELD, None)
        form.files.errors = [
            *form.files.errors,
            _(
                "There is no room to keep your files at this moment. Choose them again when you save: %(names)s.",
                names=", ".join(f.filename for f in files),
            ),
        ]


def held_now(opened: entries.OpenRecord | None, target: str) -> list:
    """Return the files held for this entry form (to list them on the page)."""
    return holding.held(opened, session.get(HELD), target) if opened else []


def release() -> None:
    """Delete the held files: the entry was saved, a fresh form was opened, or the person left."""
    holding.discard(session.pop(HELD, None))


def record_labels() -> dict:
    """Give the record's templates its labels and the blueprint its links point into."""
    # Translated once a page: a timeline of 500 entries would otherwise translate 500 times.
    return {
        "record_bp": request.blueprint,  # record, or record_code for a record kept by its code
        "labels": {code: str(label) for code, label in entries.FORM_LABELS.items()},
        "relations": {code: str(label) for code, label in entries.RELATION_LABELS.items()},
        "written_on_text": _("written on %(day)s"),
        "version_text": _("version %(n)d"),
        "show_text": _("Show the text"),
    }
