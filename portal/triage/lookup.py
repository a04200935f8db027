"""What the triage view modules share: opening a report for the signed-in adviser, or a 404."""

from flask import abort
from flask_login import current_user

from portal.accounts import sessions
from portal.reports import opening


def opened_or_404(reference: str) -> opening.OpenReport:
    """Open the report sealed to the signed-in adviser; answer 404 for anyone else."""
    try:
        return opening.open_by_reference(
            reference, current_user, sessions.vault_secret(current_user, "private_key"), "adviser"
        )
    except opening.ReportNotFound:
        abort(404)
