"""What was shared with me: summaries the reporter consented to, while consent stands."""

from flask import render_template
from flask_login import current_user

from portal.consent import sharing
from portal.consent.blueprint import bp
from portal.core.accounts import sessions
from portal.core.accounts.roles import Role
from portal.reports import kinds
from portal.web import access


@bp.get("/")
@access.roles(Role.HR, Role.TEAM_LEAD)
def shared_with_me():
    """List the summaries shared with me under consents that still stand."""
    private_key = sessions.vault_secret(current_user, "private_key")
    return render_template(
        "consent/shared.html",
        items=sharing.shared_with(current_user, private_key),
        has_key=private_key is not None,
        scope_label=kinds.consent_scope_label,
    )
