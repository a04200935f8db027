"""The page that opens what a code keeps, written once: a report by its receipt code
(followup) and a record by its record code (record).

Why this exists: both pages answer a wrong code, too many wrong codes from one network (429)
and a busy key derivation (503 with Retry-After) the same way, and keep the opened thing in
this browser on success; only the words, the opening call and where it goes next differ.
"""

from collections.abc import Callable
from typing import Any

from flask import redirect, render_template, request
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from portal.platform import kdf_gate, throttle
from portal.web import form_views


def open_with(
    form: FlaskForm,
    opening: Callable[[str, str], Any],
    not_found: type[Exception],
    *,
    unknown: str,
    busy: str,
    keep: Callable[[Any], None],
    then: str,
    template: str,
):
    """Open with the code typed in the form (`opening(code, address)`), keep what it opens in
    this browser and go to `then`; else show the form again with what went wrong."""
    answer: dict = {"status": 200, "headers": {}}

    def throttled(exc: Exception) -> None:
        # The counters run per calendar day: these paths keep no clock.
        answer["status"] = 429
        form.code.errors.append(
            _(
                "Too many wrong codes were tried from this network today. For your safety, try again tomorrow."
            )
        )

    def too_busy(exc: kdf_gate.Busy) -> None:
        answer["status"] = 503
        answer["headers"] = {"Retry-After": str(exc.retry_after)}
        form.code.errors.append(busy)

    if form.validate_on_submit():
        opened = form_views.attempt(
            lambda: opening(form.code.data, request.remote_addr or ""),
            {
                throttle.Throttled: throttled,
                kdf_gate.Busy: too_busy,
                not_found: form_views.on_field(form.code, unknown),
            },
        )
        if opened is not form_views.FAILED:
            keep(opened)
            return redirect(then)
    return render_template(template, form=form), answer["status"], answer["headers"]
