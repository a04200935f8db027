"""Keeping a record without an account: start it (its record code shown once), open it, close it.

A record kept by its code is held for one browser like a report opened with its receipt code
(held.py); "close" deletes the server's half, so a copied cookie opens nothing afterwards. The
record's own pages are in record_views.py.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.platform import clock, kdf_gate, throttle
from portal.record import codes, entries, held
from portal.record.blueprint import code_bp
from portal.record.code_forms import RecordCodeForm, SavedCodeForm, StartForm
from portal.web import access, code_page, quick_exit


def busy_text() -> str:
    return _(
        "Many records are being opened at this moment. Wait a few seconds and press the button again."
    )


quick_exit.forget_on_exit(code_bp, held.close)  # close a record opened by its code


@code_bp.get("/")
@access.public
def start_page():
    """Explain a record kept by a code, and offer to start one or open one."""
    return render_template(
        "record/code/start.html",
        form=StartForm(formdata=None),
        is_open=held.open_record() is not None,
    )


@code_bp.post("/start")
@access.public
def start():
    """Start a record and show its record code, once."""
    form = StartForm()
    if not form.validate_on_submit():
        return redirect(url_for("record_code.start_page"))
    try:
        started = codes.start(clock.today(), request.remote_addr or "")
    except throttle.Throttled:
        flash(_("Many records were started from this network today. Try again tomorrow."), "error")
        return redirect(url_for("record_code.start_page"))
    except kdf_gate.Busy:
        flash(busy_text(), "error")
        return redirect(url_for("record_code.start_page"))
    held.hold(started.opened)
    # Rendered, not redirected: the code is shown once and must not travel in a cookie.
    form = SavedCodeForm(formdata=None)
    return render_template("record/code/code.html", form=form, code=started.code), 201


@code_bp.post("/saved")
@access.public
def saved():
    """Make me type the record code back, so we know it was saved."""
    opened = held.open_record()
    if opened is None:  # closed or timed out meanwhile: the code opens it
        return redirect(url_for("record_code.open"))
    shown = request.form.get("shown", "")
    if not codes.is_its_code(opened, shown):
        abort(400)
    form = SavedCodeForm()
    if form.validate_on_submit():
        if codes.is_its_code(opened, form.typed.data):
            flash(
                _("Thank you. Keep your record code safe: it will not be shown again."), "success"
            )
            return redirect(url_for("record_code.index"))
        form.typed.errors.append(
            _("This is not the same code. Check what you saved, correct it and try again.")
        )
    return render_template("record/code/code.html", form=form, code=shown)


@code_bp.route("/open", methods=["GET", "POST"])
@access.public
def open():  # noqa: A001 - the endpoint name people see in links: recordcode.open
    """Open a record with its record code."""
    return code_page.open_with(
        RecordCodeForm(),
        codes.open_with_code,
        entries.RecordNotFound,
        unknown=_("No record belongs to this code. Check it and try again."),
        busy=busy_text() + " " + _("Your code is still filled in."),
        keep=held.hold,
        then=url_for("record_code.index"),
        template="record/code/open.html",
    )


@code_bp.post("/close")
@access.public
def close():
    """Close the record in this browser: a copy of the cookie opens nothing afterwards."""
    held.close()
    flash(_("Your record is closed. Open it again with your record code."), "success")
    return redirect(url_for("record_code.open"))
