"""Files sent with a message, taken from the request: the one piece of the report page that
stays here.

TODO(#10): view-side code, like portal/report_page.py where it belongs; it stays in reports
only because portal/journal/views.py (an area another branch is changing) imports it from
here. Move it to report_page.py and change that import when journal can be touched.
"""

from flask import current_app, request

from portal.reports.evidence import EvidenceRefused, accept, refusal_messages

MB = 1024 * 1024


def uploaded_evidence(field: str = "files") -> tuple[list, list[str]]:
    """Accept the files of a message; return them and messages about refused ones."""
    accepted, refused = [], []
    limit = current_app.config["EVIDENCE_MAX_FILE_MB"] * MB
    for upload in request.files.getlist(field):
        if not upload or not upload.filename:
            continue
        try:
            accepted.append(accept(upload.filename, upload.read(), limit))
        except EvidenceRefused as exc:
            refused.append(exc)
    return accepted, refusal_messages(refused)
