"""What the triage view modules share: opening a report for the signed-in adviser, or a 404."""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from portal.core.accounts import sessions
from portal.reports import opening


def opened_or_404(reference: str) -> opening.OpenReport:
    """Open the report sealed to the signed-in adviser; answer 404 for anyone else."""
    try:
        return opening.open_by_reference(
            reference, current_user, sessions.vault_secret(current_user, "private_key"), "adviser"
        )
    except opening.ReportNotFound:
        abort(404)


def with_form(form_class: type, when_invalid: Callable) -> Callable:
    """Open the report named in the URL and check the form posted from its page: when the form
    is not valid, answer with when_invalid(reference, opened, form); else run the view with
    the reference, the report, the form and the URL's other values."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(reference: str, **values):
            opened = opened_or_404(reference)
            form = form_class()
            if not form.validate_on_submit():
                return when_invalid(reference, opened, form)
            return view(reference, opened, form, **values)

        return wrapper

    return decorate
