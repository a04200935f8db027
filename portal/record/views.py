"""My record: the owner's own timeline, entries, versions, evidence and deletion.

Every page opens the record with the private key in the signer's session vault; nobody else's
key can find it, so every record URL is 404 for anyone but its owner (and 403 without the
employee role). The entry, history, evidence and export pages are the same views as for a
record kept by its code (doors.py); the key pages are in key_views.py.
"""

from datetime import date
from typing import NoReturn

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts import keyring, sessions
from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.platform.i18n import day_text
from portal.record import anchor, dates, doors, entries, pages, starts
from portal.record.blueprint import bp
from portal.web import access, quick_exit
from portal.web.forms import ActionForm

# The pages that open a closed record (key_views.py): reachable before the record is open.
KEY_PAGES = {
    "record.recovery_key",
    "record.locked",
    "record.no_earlier_key",
    "record.new_passphrase",
    "record.passphrase",
    "record.recover_passphrase",
}


@bp.before_request
def keys_first():
    """The record opens only with the owner's unlocked key and a stored recovery code."""
    if not current_user.is_authenticated or request.endpoint in KEY_PAGES:
        return None
    if not current_user.has_role(Role.EMPLOYEE) or sessions.needs_second_factor(current_user):
        return None  # the access rule answers
    key = private_key()
    if key is None:
        return redirect(url_for("record.locked"))
    state = keyring.state_of(current_user, key)
    if state.ask_earlier:  # a new key pair: first ask for the earlier one's recovery code
        return redirect(url_for("record.locked"))
    if state.recovery != keyring.Recovery.CONFIRMED:
        return redirect(url_for("record.recovery_key"))
    return None


def private_key() -> bytes | None:
    return sessions.vault_secret(current_user, "private_key")


def record_or_none() -> entries.OpenRecord | None:
    try:
        return entries.find(private_key())
    except entries.RecordNotFound:
        abort(404)


def started_record() -> entries.OpenRecord:
    try:
        return starts.find_or_start(keyring.public_key_of(current_user.id), private_key())
    except entries.RecordNotFound:
        abort(404)


def no_record() -> NoReturn:
    abort(404)


# The entry, history, evidence and export pages, shared with the record kept by its code.
DOOR = doors.Door(
    bp,
    access.roles(Role.EMPLOYEE),
    find=record_or_none,
    missing=no_record,
    start=started_record,
    anchor_cookie=anchor.ACCOUNT_COOKIE,
    anchor_secret=lambda opened: private_key(),
)
doors.register(DOOR)


@bp.get("/")
@access.roles(Role.EMPLOYEE)
def index():
    """Show my timeline: entries in the order they happened, filtered, with incidents per month."""
    return doors.timeline_page(DOOR, record_or_none(), "record/index.html")


@bp.route("/delete", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def delete_record():
    """Ask, then delete my whole record."""
    opened = record_or_none()
    form = ActionForm()
    if opened is not None and form.validate_on_submit():
        entries.delete_record(opened, clock.today())
        # A new, empty record takes its place: every key holder has one (starts.py).
        starts.ensure(keyring.public_key_of(current_user.id), private_key())
        DOOR.move_anchor(None, None)  # nothing left to compare with
        flash(_("Your record has been deleted. Nothing of it is kept."), "success")
        return redirect(url_for("record.index"))
    if opened is None and request.method == "POST":
        return redirect(url_for("record.index"))
    return render_template("record/delete.html", form=form, entry=None)


bp.context_processor(pages.record_labels)
quick_exit.forget_on_exit(bp, pages.release)  # files held across a form error go too


@bp.app_template_filter("record_day")
def record_day(value: date) -> str:
    """Format a day in the reader's language, each distinct day once a request."""
    cache = g.setdefault("record_days", {})
    if value not in cache:
        cache[value] = day_text(value)
    return cache[value]


@bp.app_template_filter("record_when")
def record_when(content: dict) -> str:
    """Say when an entry happened, as exactly as its owner knows it ("about", a month, ...)."""
    return dates.when_text(content)


@bp.app_template_filter("isodate")
def isodate(value: str) -> date:
    """Turn a stored ISO day into a date for dateformat."""
    return date.fromisoformat(value)
