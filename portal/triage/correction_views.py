"""The adviser's corrections on a report: its kind (and track), one incident or a pattern.

Registered on the triage blueprint; a refused form shows the workspace again with its message.
"""

from flask import current_app, flash
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.reports.opening import OpenReport
from portal.triage import corrections
from portal.triage.blueprint import bp
from portal.triage.forms import PatternForm, ReclassifyForm
from portal.triage.views import back_to, workspace_form
from portal.web import access


@bp.post("/<reference>/kind")
@access.roles(Role.ADVISER)
@workspace_form(ReclassifyForm, "kind_form")
def reclassify(reference: str, opened: OpenReport, form: ReclassifyForm):
    """Change what the report is about, and its track with it; the old value is kept."""
    try:
        track_changed = corrections.reclassify(
            opened,
            current_user,
            form.category.data,
            clock.today(),
            current_app.config["FIRST_CONTACT_WORKING_DAYS"],
        )
    except corrections.CorrectionError:
        flash(_("The report already has this kind: nothing changed."), "info")
    else:
        flash(
            _("The kind is changed, and so are the deadlines. The reporter has been told.")
            if track_changed
            else _("The kind is changed. The reporter has been told."),
            "success",
        )
    return back_to(reference, "#corrections")


@bp.post("/<reference>/pattern")
@access.roles(Role.ADVISER)
@workspace_form(PatternForm, "pattern_form")
def mark_pattern(reference: str, opened: OpenReport, form: PatternForm):
    """Mark the report as one incident or a pattern; the old mark is kept."""
    try:
        corrections.mark_pattern(opened, current_user, form.pattern.data, clock.today())
    except corrections.CorrectionError:
        flash(_("The report already has this mark: nothing changed."), "info")
    else:
        flash(_("Saved."), "success")
    return back_to(reference, "#corrections")
