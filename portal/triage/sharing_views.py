"""The adviser's side of consent and conflicts: shared summaries, stepping back, the crime exception.

Registered on the triage blueprint.
"""

from collections.abc import Callable

from flask import Response, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.consent import approval, sharing
from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.reports import transfer
from portal.reports.opening import OpenReport
from portal.triage.blueprint import bp
from portal.triage.forms import CrimeExceptionForm, StepBackForm, SummaryForm
from portal.triage.lookup import with_form
from portal.triage.views import render_workspace
from portal.web import access, form_views


def flash_errors(form) -> None:
    """Say what is wrong above the panel (its forms post and come back to the page)."""
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")


def to_sharing(reference: str) -> str:
    """Return the address of the report's sharing panel."""
    return url_for("triage.report", reference=reference) + "#sharing"


def sharing_form(form_class: type, name: str) -> Callable:
    """Check a form posted from the sharing panel (lookup.with_form); when it is not valid,
    say what is wrong above the panel and show the page again with what was typed."""

    def invalid(reference: str, opened: OpenReport, form) -> Response:
        flash_errors(form)
        # Which consent's summary was refused: its box shows what was typed.
        return render_workspace(
            opened, **{name: form}, summary_consent=request.view_args.get("consent_id")
        )

    return with_form(form_class, invalid)


@bp.post("/<reference>/summary/<int:consent_id>")
@access.roles(Role.ADVISER)
@sharing_form(SummaryForm, "summary_form")
def write_summary(reference: str, opened: OpenReport, form: SummaryForm, consent_id: int):
    """Write the summary the reporter consented to share; it goes once the reporter approves
    its text (consent/approval.py)."""
    return form_views.act(
        lambda: approval.propose(
            opened, consent_id, current_user, form.summary.data, clock.today()
        ),
        {
            sharing.GranteeKeyChanged: form_views.flashed(
                _(
                    "The person's key pair was replaced since the reporter consented; nothing was shared. The reporter must confirm the consent first."
                )
            ),
            sharing.ConsentError: form_views.flashed(
                _("This consent no longer stands; nothing was shared.")
            ),
        },
        saved=_(
            "The summary waits for the reporter's approval. Nothing is shared before they approve it."
        ),
        then=to_sharing(reference),
    )


@bp.post("/<reference>/step-back")
@access.roles(Role.ADVISER)
@sharing_form(StepBackForm, "step_back_form")
def step_back(reference: str, opened: OpenReport, form: StepBackForm):
    """Step back from a report (conflict of interest); the reporter chooses another adviser."""
    transfer.step_back(opened, current_user, clock.today())
    flash(_("You stepped back. You can no longer open this report."), "success")
    return redirect(url_for("triage.inbox"))


@bp.post("/<reference>/crime-exception")
@access.roles(Role.ADVISER)
@sharing_form(CrimeExceptionForm, "crime_form")
def crime_exception(reference: str, opened: OpenReport, form: CrimeExceptionForm):
    """Record which limit of confidentiality applies, with the reason; the reporter is told."""
    sharing.record_crime_exception(
        opened, current_user, form.basis.data, form.reason.data or "", clock.today()
    )
    flash(_("Recorded. The reporter has been told."), "success")
    return redirect(to_sharing(reference))
