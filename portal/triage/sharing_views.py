"""The adviser's side of consent and conflicts: shared summaries, stepping back, the crime exception.

Registered on the triage blueprint.
"""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, clock
from portal.accounts.roles import Role
from portal.consent import sharing
from portal.reports import transfer
from portal.triage.blueprint import bp
from portal.triage.forms import CrimeExceptionForm, StepBackForm, SummaryForm
from portal.triage.lookup import opened_or_404


def flash_errors(form) -> None:
    """Say what is wrong above the panel (its forms post and come back to the page)."""
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")


@bp.post("/<reference>/summary/<int:consent_id>")
@access.roles(Role.ADVISER)
def write_summary(reference: str, consent_id: int):
    """Write the summary the reporter consented to share with a named person."""
    opened = opened_or_404(reference)
    form = SummaryForm()
    if not form.validate_on_submit():
        flash_errors(form)
    else:
        try:
            sharing.write_summary(
                opened, consent_id, current_user, form.summary.data, clock.today()
            )
        except sharing.GranteeKeyChanged:
            flash(
                _(
                    "The person's key pair was replaced since the reporter consented; nothing was shared. The reporter must confirm the consent first."
                ),
                "error",
            )
        except sharing.ConsentError:
            flash(_("This consent no longer stands; nothing was shared."), "error")
        else:
            flash(_("The summary is shared."), "success")
    return redirect(url_for("triage.report", reference=reference) + "#sharing")


@bp.post("/<reference>/step-back")
@access.roles(Role.ADVISER)
def step_back(reference: str):
    """Step back from a report (conflict of interest); the reporter chooses another adviser."""
    opened = opened_or_404(reference)
    form = StepBackForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return redirect(url_for("triage.report", reference=reference) + "#sharing")
    transfer.step_back(opened, current_user, clock.today())
    flash(_("You stepped back. You can no longer open this report."), "success")
    return redirect(url_for("triage.inbox"))


@bp.post("/<reference>/crime-exception")
@access.roles(Role.ADVISER)
def crime_exception(reference: str):
    """Record that the law obliges a report to the police, with the reason; the reporter is told."""
    opened = opened_or_404(reference)
    form = CrimeExceptionForm()
    if not form.validate_on_submit():
        flash_errors(form)
    else:
        sharing.record_crime_exception(opened, current_user, form.reason.data, clock.today())
    return redirect(url_for("triage.report", reference=reference) + "#sharing")
