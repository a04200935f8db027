"""Web helpers the record's pages share, whether it is opened by its owner's key or its code."""

from flask import current_app, request
from flask_babel import gettext as _

from portal.followup import report_page
from portal.record import entries
from portal.record.forms import EntryForm

MB = 1024 * 1024


def uploads(form: EntryForm, already: int) -> list | None:
    """Accept the uploaded files, or put the reasons on the form's file field and return None."""
    files, refusals = report_page.uploaded_evidence("files")
    if sum(f.size for f in files) + already > current_app.config["EVIDENCE_MAX_REPORT_MB"] * MB:
        refusals.append(_("Together the files would be too large for one entry."))
    if refusals:
        form.files.errors = [
            *refusals,
            _("Choose the files again: nothing else you typed is lost."),
        ]
        return None
    return files


def ask_for_files_again(form: EntryForm) -> None:
    """On an entry sent back for a correction, name the chosen files the browser dropped.

    A browser sends chosen files with one post only, and the record keeps nothing of an entry
    that is not saved; so the person is told which files to choose again, next to the field.
    """
    names = [upload.filename for upload in request.files.getlist("files") if upload.filename]
    if names and not form.files.errors:
        form.files.errors = [
            _(
                "Choose these files again when you save: %(names)s. Everything you typed is still here.",
                names=", ".join(names),
            )
        ]


def record_labels() -> dict:
    """Give the record's templates its labels and the blueprint its links point into."""
    # Translated once a page: a timeline of 500 entries would otherwise translate 500 times.
    return {
        "record_bp": request.blueprint,  # record, or record_code for a record kept by its code
        "labels": {code: str(label) for code, label in entries.FORM_LABELS.items()},
        "relations": {code: str(label) for code, label in entries.RELATION_LABELS.items()},
        "written_on_text": _("written on %(day)s"),
        "version_text": _("version %(n)d"),
    }
