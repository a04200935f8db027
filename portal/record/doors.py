"""The record's two doors to one set of pages: by the owner's account, and by a record code.

My record (views.py) opens the record with the signed-in owner's key; a record kept by
its code (code_door.py) opens the one this browser holds. Behind both stand the
same pages: the timeline, an entry with its versions and evidence, deleting an entry, and the
exports. Each page is one view here, which `register` adds to the door's blueprint under the
same rule and endpoint name (record.entry and record_code.entry, ...); the door supplies how the
record is found. What differs (the record's deletion, the code's own pages) stays with the door.
"""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from portal.platform import clock
from portal.record import anchor, chain, entries, exports, pages, timeline
from portal.record.forms import EntryForm, FilterForm
from portal.web.forms import ActionForm
from portal.web.pages import render_page


@dataclass(frozen=True)
class Door:
    bp: Blueprint
    rule: Callable  # the access decorator
    find: Callable[[], entries.OpenRecord | None]  # None when there is no record behind it
    missing: Callable[[], NoReturn]  # answer a page asked without a record (404 or redirect)
    # Starts the record when the first entry is saved (the account's door); None when the
    # record must be open before its pages show (the code's door).
    start: Callable[[], entries.OpenRecord] | None = None
    # The owner's anchor (anchor.py): its cookie, and the secret its key is made from (the
    # account's private key; by default the record's own data key, for the code's door).
    anchor_cookie: str = anchor.CODE_COOKIE
    anchor_secret: Callable[[entries.OpenRecord | None], bytes | None] = lambda opened: (
        opened.data_key if opened else None
    )

    def url(self, name: str, **values) -> str:
        """Return the address of a page behind this door."""
        return url_for(f"{self.bp.name}.{name}", **values)

    def anchor_state(
        self, opened: entries.OpenRecord | None, verification: chain.Verification | None
    ) -> anchor.State:
        """Compare the record as it is now with what its owner last saw in this browser."""
        secret = self.anchor_secret(opened)
        if secret is None:
            return anchor.State.NONE
        now = anchor.Anchor(verification.sequence, verification.head) if verification else None
        kept = anchor.read(anchor.key_from(secret), request.cookies.get(self.anchor_cookie))
        return anchor.compare(kept, now)

    def move_anchor(
        self, opened: entries.OpenRecord | None, verification: chain.Verification | None
    ) -> None:
        """Keep the record as the owner sees it now as their anchor (none: a blank one)."""
        secret = self.anchor_secret(opened)
        if secret is None or verification is None:
            anchor.keep(self.anchor_cookie, anchor.blank())
            return
        now = anchor.Anchor(verification.sequence, verification.head)
        anchor.keep(self.anchor_cookie, anchor.seal(anchor.key_from(secret), now))

    def record(self) -> entries.OpenRecord:
        """Return the record behind this door, or answer that there is none."""
        opened = self.find()
        if opened is None:
            self.missing()
        return opened


def entry_or_404(opened: entries.OpenRecord, uid: str) -> entries.EntryView:
    """Return an entry of the record, or answer 404."""
    try:
        return entries.read_entry(opened, uid)
    except entries.EntryNotFound:
        abort(404)


def timeline_page(door: Door, opened: entries.OpenRecord | None, page: str, **context):
    """Render the timeline of a record (none yet: an empty one), filtered and paged from the URL,
    compared with the owner's anchor; the anchor moves on unless the record is behind it."""
    filters = FilterForm(request.args)
    filters.validate()
    number = request.args.get("page", "1")
    built = timeline.build(
        opened,
        filters.form.data or None,
        filters.start.data,
        filters.end.data,
        int(number) if number.isdigit() else 1,
    )
    verification = built.verification
    state = door.anchor_state(opened, verification)
    if state != anchor.State.BEHIND and (verification is None or verification.intact):
        door.move_anchor(opened, verification)
    return render_page(
        page,
        "record/_timeline.html",
        filters=filters,
        timeline=built,
        entries=built.entries,
        total=built.total,
        months=built.months,
        bars=timeline.bars(built.months),
        chart_width=timeline.chart_width(built.months),
        chart_height=timeline.CHART_HEIGHT,
        bar_width=timeline.BAR_WIDTH,
        verification=verification,
        anchor_state=state,
        anchor_form=ActionForm(formdata=None),
        page_args=request.args.to_dict(),
        **context,
    )


def new(door: Door):
    """Write a new entry; chosen files are kept if it comes back for a correction."""
    opened = None if door.start else door.record()
    form = EntryForm()
    if request.method == "GET":
        pages.release()  # a fresh form starts without files from an earlier try
        return render_template("record/entry_form.html", form=form, entry=None, held=[])
    record = opened or door.start()
    valid = form.validate_on_submit()
    files = pages.chosen_files(record, "new", form, 0)
    if valid and not form.files.errors:
        uid = entries.add_entry(record, form.content(), files, clock.today())
        pages.release()
        flash(_("The entry has been saved in your record."), "success")
        return redirect(door.url("entry", uid=uid))
    pages.hold(record, "new", files, form)
    return render_template("record/entry_form.html", form=form, entry=None, held=files)


def entry(door: Door, uid: str):
    """Show one entry at its current version, with its evidence."""
    opened = door.record()
    return render_template(
        "record/entry.html", entry=entry_or_404(opened, uid), labels=entries.FORM_LABELS
    )


def edit(door: Door, uid: str):
    """Change an entry: the change is saved as a new version, the old one stays."""
    opened = door.record()
    current = entry_or_404(opened, uid)
    form = EntryForm()
    if request.method == "GET":
        pages.release()
        if current.content:
            form.fill_from(current.content)
        return render_template("record/entry_form.html", form=form, entry=current, held=[])
    valid = form.validate_on_submit()
    files = pages.chosen_files(opened, uid, form, entries.files_total(opened, uid))
    if valid and not form.files.errors:
        number = entries.edit_entry(opened, uid, form.content(), files, clock.today())
        pages.release()
        flash(
            _("Saved as version %(n)d. The earlier versions stay in the history.", n=number),
            "success",
        )
        return redirect(door.url("entry", uid=uid))
    pages.hold(opened, uid, files, form)
    return render_template("record/entry_form.html", form=form, entry=current, held=files)


def history(door: Door, uid: str):
    """Show every version of an entry, oldest first."""
    opened = door.record()
    try:
        versions = entries.history(opened, uid)
    except entries.EntryNotFound:
        abort(404)
    return render_template(
        "record/history.html", uid=uid, versions=versions, labels=entries.FORM_LABELS
    )


def file(door: Door, uid: str, file_uid: str):
    """Download an evidence file of an entry."""
    opened = door.find()
    if opened is None:
        abort(404)  # a download is no page to send the visitor on from
    try:
        meta, data = entries.read_file(opened, uid, file_uid)
    except entries.EntryNotFound:
        abort(404)
    return send_file(
        io.BytesIO(data), mimetype=meta["mime"], as_attachment=True, download_name=meta["filename"]
    )


def delete_entry(door: Door, uid: str):
    """Ask, then delete an entry with all its versions and evidence."""
    opened = door.record()
    current = entry_or_404(opened, uid)
    form = ActionForm()
    if form.validate_on_submit():
        entries.delete_entry(opened, uid, clock.today())
        flash(_("The entry has been deleted, with all its versions and files."), "success")
        return redirect(door.url("index"))
    return render_template("record/delete.html", form=form, entry=current)


def accept_anchor(door: Door):
    """Compare the record from now on with how it is now (after being told it is behind)."""
    opened = door.find()
    if not ActionForm().validate_on_submit():
        abort(400)
    door.move_anchor(opened, chain.verify(opened) if opened else None)
    flash(_("From now on your record is compared with how it is now."), "success")
    return redirect(door.url("index"))


def compared(door: Door) -> tuple[entries.OpenRecord, anchor.State]:
    """Return the record behind the door and how it compares with the owner's anchor."""
    opened = door.record()
    return opened, door.anchor_state(opened, chain.verify(opened))


def export_pdf(door: Door):
    """Download the record as a PDF."""
    data = exports.pdf_bytes(*compared(door), clock.today())
    return send_file(
        io.BytesIO(data), mimetype="application/pdf", as_attachment=True, download_name="record.pdf"
    )


def export_zip(door: Door):
    """Download everything in one archive: the PDF, the JSON and every evidence file."""
    today = clock.today()
    data = exports.zip_bytes(*compared(door), today)
    return send_file(
        io.BytesIO(data),
        mimetype="application/zip",
        as_attachment=True,
        download_name=exports.archive_name(today),
    )


def export_json(door: Door):
    """Download everything in the record, evidence included, as JSON."""
    data = json.dumps(exports.json_export(*compared(door), clock.today()), ensure_ascii=False)
    return send_file(
        io.BytesIO(data.encode()),
        mimetype="application/json",
        as_attachment=True,
        download_name="record.json",
    )


PAGES: tuple[tuple[str, Callable, tuple[str, ...]], ...] = (
    ("/new", new, ("GET", "POST")),
    ("/entry/<uid>", entry, ("GET",)),
    ("/entry/<uid>/edit", edit, ("GET", "POST")),
    ("/entry/<uid>/history", history, ("GET",)),
    ("/entry/<uid>/file/<file_uid>", file, ("GET",)),
    ("/entry/<uid>/delete", delete_entry, ("GET", "POST")),
    ("/anchor", accept_anchor, ("POST",)),
    ("/export.pdf", export_pdf, ("GET",)),
    ("/export.json", export_json, ("GET",)),
    ("/export.zip", export_zip, ("GET",)),
)


def register(door: Door) -> None:
    """Add the record's pages to the door's blueprint, each under its view's name."""
    for rule, view, methods in PAGES:

        def endpoint(_view: Callable = view, **values):
            return _view(door, **values)

        endpoint.__doc__ = view.__doc__
        door.bp.add_url_rule(rule, view.__name__, door.rule(endpoint), methods=list(methods))
