"""My record: the owner's own timeline, entries, versions, evidence and deletion.

Every page opens the record with the private key in the signer's session vault; nobody else's
key can find it, so every record URL is 404 for anyone but its owner (and 403 without the
employee role). Exports live in exports_views.py, the key pages in key_views.py.
"""

import io
import json
from datetime import date

from flask import (
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from portal import access, clock
from portal.accounts import keyring, sessions
from portal.accounts.roles import Role
from portal.forms import ActionForm
from portal.journal import entries, exports, pages, timeline
from portal.journal.blueprint import bp
from portal.journal.forms import EntryForm, FilterForm
from portal.pages import render_page

# The pages that open a closed record (key_views.py): reachable before the record is open.
KEY_PAGES = {
    "journal.recovery_key",
    "journal.locked",
    "journal.new_passphrase",
    "journal.passphrase",
    "journal.recover_passphrase",
}


@bp.before_request
def keys_first():
    """The record opens only with the owner's unlocked key and a stored recovery code."""
    if not current_user.is_authenticated or request.endpoint in KEY_PAGES:
        return None
    if not current_user.has_role(Role.EMPLOYEE) or sessions.needs_second_factor(current_user):
        return None  # the access rule answers
    if private_key() is None:
        return redirect(url_for("journal.locked"))
    if not keyring.has_recovery_key(current_user) or keyring.recovery_pending(current_user):
        return redirect(url_for("journal.recovery_key"))
    return None


def private_key() -> bytes | None:
    return sessions.vault_secret(current_user, "private_key")


def record_or_none() -> entries.OpenRecord | None:
    try:
        return entries.find(private_key())
    except entries.RecordNotFound:
        abort(404)


def record_or_404() -> entries.OpenRecord:
    opened = record_or_none()
    if opened is None:
        abort(404)
    return opened


def started_record() -> entries.OpenRecord:
    try:
        return entries.find_or_start(
            keyring.public_key_of(current_user.id), private_key(), clock.today()
        )
    except entries.RecordNotFound:
        abort(404)


def entry_or_404(opened: entries.OpenRecord, uid: str) -> entries.EntryView:
    try:
        return entries.read_entry(opened, uid)
    except entries.EntryNotFound:
        abort(404)


@bp.get("/")
@access.roles(Role.EMPLOYEE)
def index():
    """Show my timeline: entries in the order they happened, filtered, with incidents per month."""
    filters = FilterForm(request.args)
    filters.validate()
    page = request.args.get("page", "1")
    built = timeline.build(
        record_or_none(),
        filters.form.data or None,
        filters.start.data,
        filters.end.data,
        int(page) if page.isdigit() else 1,
    )
    return render_page(
        "journal/index.html",
        "journal/_timeline.html",
        filters=filters,
        timeline=built,
        entries=built.entries,
        total=built.total,
        months=built.months,
        bars=timeline.bars(built.months),
        chart_width=timeline.chart_width(built.months),
        chart_height=timeline.CHART_HEIGHT,
        bar_width=timeline.BAR_WIDTH,
        verification=built.verification,
        page_args=request.args.to_dict(),
    )


@bp.route("/new", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def new():
    """Write a new entry."""
    form = EntryForm()
    if form.validate_on_submit():
        files = pages.uploads(form, 0)
        if files is not None:
            uid = entries.add_entry(started_record(), form.content(), files, clock.today())
            flash(_("The entry has been saved in your record."), "success")
            return redirect(url_for("journal.entry", uid=uid))
    return render_template("journal/entry_form.html", form=form, entry=None)


@bp.get("/entry/<uid>")
@access.roles(Role.EMPLOYEE)
def entry(uid: str):
    """Show one entry at its current version, with its evidence."""
    opened = record_or_404()
    return render_template(
        "journal/entry.html", entry=entry_or_404(opened, uid), labels=entries.FORM_LABELS
    )


@bp.route("/entry/<uid>/edit", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def edit(uid: str):
    """Change an entry: the change is saved as a new version, the old one stays."""
    opened = record_or_404()
    current = entry_or_404(opened, uid)
    form = EntryForm()
    if request.method == "GET" and current.content:
        form.fill_from(current.content)
    if form.validate_on_submit():
        files = pages.uploads(form, entries.files_total(opened, uid))
        if files is not None:
            number = entries.edit_entry(opened, uid, form.content(), files, clock.today())
            flash(
                _("Saved as version %(n)d. The earlier versions stay in the history.", n=number),
                "success",
            )
            return redirect(url_for("journal.entry", uid=uid))
    return render_template("journal/entry_form.html", form=form, entry=current)


@bp.get("/entry/<uid>/history")
@access.roles(Role.EMPLOYEE)
def history(uid: str):
    """Show every version of an entry, oldest first."""
    opened = record_or_404()
    try:
        versions = entries.history(opened, uid)
    except entries.EntryNotFound:
        abort(404)
    return render_template(
        "journal/history.html", uid=uid, versions=versions, labels=entries.FORM_LABELS
    )


@bp.get("/entry/<uid>/file/<file_uid>")
@access.roles(Role.EMPLOYEE)
def file(uid: str, file_uid: str):
    """Download an evidence file of an entry."""
    try:
        meta, data = entries.read_file(record_or_404(), uid, file_uid)
    except entries.EntryNotFound:
        abort(404)
    return send_file(
        io.BytesIO(data), mimetype=meta["mime"], as_attachment=True, download_name=meta["filename"]
    )


@bp.route("/entry/<uid>/delete", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def delete_entry(uid: str):
    """Ask, then delete an entry with all its versions and evidence."""
    opened = record_or_404()
    current = entry_or_404(opened, uid)
    form = ActionForm()
    if form.validate_on_submit():
        entries.delete_entry(opened, uid, clock.today())
        flash(_("The entry has been deleted, with all its versions and files."), "success")
        return redirect(url_for("journal.index"))
    return render_template("journal/delete.html", form=form, entry=current)


@bp.route("/delete", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def delete_record():
    """Ask, then delete my whole record."""
    opened = record_or_none()
    form = ActionForm()
    if opened is not None and form.validate_on_submit():
        entries.delete_record(opened, clock.today())
        flash(_("Your record has been deleted. Nothing of it is kept."), "success")
        return redirect(url_for("journal.index"))
    if opened is None and request.method == "POST":
        return redirect(url_for("journal.index"))
    return render_template("journal/delete.html", form=form, entry=None)


bp.context_processor(pages.record_labels)


@bp.app_template_filter("record_day")
def record_day(value: date) -> str:
    """Format a day in the reader's language, each distinct day once a request."""
    cache = g.setdefault("record_days", {})
    if value not in cache:
        cache[value] = format_date(value, "long")
    return cache[value]


@bp.app_template_filter("isodate")
def isodate(value: str) -> date:
    """Turn a stored ISO day into a date for dateformat."""
    return date.fromisoformat(value)


@bp.get("/export.pdf")
@access.roles(Role.EMPLOYEE)
def export_pdf():
    """Download my record as a PDF."""
    data = exports.pdf_bytes(record_or_404(), clock.today())
    return send_file(
        io.BytesIO(data), mimetype="application/pdf", as_attachment=True, download_name="record.pdf"
    )


@bp.get("/export.json")
@access.roles(Role.EMPLOYEE)
def export_json():
    """Download everything in my record, evidence included, as JSON."""
    data = json.dumps(exports.json_export(record_or_404(), clock.today()), ensure_ascii=False)
    return send_file(
        io.BytesIO(data.encode()),
        mimetype="application/json",
        as_attachment=True,
        download_name="record.json",
    )
