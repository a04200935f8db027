"""The adviser's side of staying in touch with an anonymous reporter: offer another way.

Registered on the triage blueprint; the agreement itself is shown on the report page.
"""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.reports import contact
from portal.reports.opening import OpenReport
from portal.triage.blueprint import bp
from portal.triage.forms import ContactOfferForm
from portal.triage.lookup import with_form
from portal.triage.views import render_workspace
from portal.web import access


def to_contact(reference: str):
    return redirect(url_for("triage.report", reference=reference) + "#contact")


def invalid(reference: str, opened: OpenReport, form):
    """Show the workspace again with what was typed and the field's message."""
    return render_workspace(opened, contact_form=form)


@bp.post("/<reference>/contact")
@access.roles(Role.ADVISER)
@with_form(ContactOfferForm, invalid)
def offer_contact(reference: str, opened: OpenReport, form: ContactOfferForm):
    """Offer the reporter another way to stay in touch; they see it when they come back."""
    try:
        contact.offer_way(opened, current_user, form.offer.data, clock.today())
    except contact.NoOffer:
        flash(_("Write the way you offer."), "error")
    else:
        flash(
            _("Your offer is kept with the report. The reporter sees it when they come back."),
            "success",
        )
    return to_contact(reference)
