"""One click from the record to a report: the person picks entries on the report's review page."""

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts import sessions
from portal.core.accounts.roles import Role
from portal.followup import access as holding
from portal.platform import clock
from portal.record import entries, sharing
from portal.record.blueprint import bp
from portal.reports import drafts, mine, opening
from portal.web import access

DRAFT = "report_draft"  # the reports area's session key for the draft


def _open_record() -> entries.OpenRecord | None:
    if not current_user.is_authenticated or not current_user.has_role(Role.EMPLOYEE):
        return None
    key = sessions.vault_secret(current_user, "private_key")
    if key is None:
        return None
    try:
        return entries.find(key)
    except entries.RecordNotFound:
        return None


@bp.app_template_global()
def record_entries_for_report() -> list[tuple[entries.EntryView, bool]]:
    """List my record's entries for the report's review page, with those already copied."""
    opened = _open_record()
    if opened is None:
        return []
    chosen = sharing.chosen_uids(drafts.load(session.get(DRAFT)) or {})
    return [(view, view.uid in chosen) for view in entries.read_entries(opened) if view.content]


@bp.post("/to-report")
@access.roles(Role.EMPLOYEE)
def to_report():
    """Copy the entries I picked (and their evidence) into the report I am writing."""
    opened = _open_record()
    draft = drafts.load(session.get(DRAFT))
    if opened is None or draft is None:
        return redirect(url_for("reports.start"))
    left_out = sharing.choose(
        draft,
        opened,
        request.form.getlist("entries"),
        current_app.config["EVIDENCE_MAX_REPORT_MB"],
    )
    session[DRAFT] = drafts.save(session.get(DRAFT), draft)
    if left_out:
        flash(
            _("Some files were left out: together they would be too large for one report."), "error"
        )
    flash(_("Your choice from your record is in the report. Check it below."), "success")
    return redirect(url_for("reports.review") + "#from-record")


@bp.post("/to-message")
@access.roles(Role.EMPLOYEE)
def to_message():
    """Send the entries I picked (and their evidence) to the adviser in an open report."""
    reference = request.form.get("reference", "")
    try:
        if reference:
            report = mine.open_mine(sessions.vault_secret(current_user, "private_key"), reference)
            target = url_for("followup.my_report", reference=reference)
        else:
            report = holding.from_cookie()
            target = url_for("followup.report")
    except opening.ReportNotFound:
        abort(404)
    opened = _open_record()
    views = sharing.picked(opened, request.form.getlist("entries")) if opened else []
    if not views:
        flash(_("Choose at least one entry of your record."), "error")
        return redirect(target + "#from-record")
    try:
        opening.post_message(
            report,
            "reporter",
            sharing.as_message(views),
            clock.today(),
            evidence=sharing.evidence_of(opened, views),
        )
    except opening.ReportClosed:
        flash(_("This report was withdrawn or closed; it takes no new messages."), "error")
        return redirect(target)
    return redirect(target + "#conversation")
