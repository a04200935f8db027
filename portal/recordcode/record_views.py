"""The pages of a record kept by its code: the same timeline, entries, history, exports and
deletion as the account's record, opened from what this browser holds (held.py)."""

import io
import json

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from portal import access, clock
from portal.forms import ActionForm
from portal.journal import codes, entries, exports, pages, timeline
from portal.journal.forms import EntryForm, FilterForm
from portal.pages import render_page
from portal.recordcode import held
from portal.recordcode.blueprint import bp
from portal.recordcode.forms import StartForm

bp.context_processor(pages.record_labels)


def held_record() -> entries.OpenRecord:
    """Return the record this browser holds, or send the visitor to the page that opens one."""
    opened = held.open_record()
    if opened is None:
        abort(redirect(url_for("recordcode.open")))
    return opened


def entry_or_404(opened: entries.OpenRecord, uid: str) -> entries.EntryView:
    try:
        return entries.read_entry(opened, uid)
    except entries.EntryNotFound:
        abort(404)


@bp.get("/record")
@access.public
def index():
    """Show the timeline of the record this browser holds open."""
    opened = held_record()
    filters = FilterForm(request.args)
    filters.validate()
    page = request.args.get("page", "1")
    built = timeline.build(
        opened,
        filters.form.data or None,
        filters.start.data,
        filters.end.data,
        int(page) if page.isdigit() else 1,
    )
    return render_page(
        "recordcode/index.html",
        "journal/_timeline.html",
        filters=filters,
        close_form=StartForm(formdata=None),
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
@access.public
def new():
    """Write a new entry in the record this browser holds open."""
    opened = held_record()
    form = EntryForm()
    if form.validate_on_submit():
        files = pages.uploads(form, 0)
        if files is not None:
            uid = entries.add_entry(opened, form.content(), files, clock.today())
            flash(_("The entry has been saved in your record."), "success")
            return redirect(url_for("recordcode.entry", uid=uid))
    return render_template("journal/entry_form.html", form=form, entry=None)


@bp.get("/entry/<uid>")
@access.public
def entry(uid: str):
    """Show one entry at its current version, with its evidence."""
    opened = held_record()
    return render_template(
        "journal/entry.html", entry=entry_or_404(opened, uid), labels=entries.FORM_LABELS
    )


@bp.route("/entry/<uid>/edit", methods=["GET", "POST"])
@access.public
def edit(uid: str):
    """Change an entry: the change is saved as a new version, the old one stays."""
    opened = held_record()
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
            return redirect(url_for("recordcode.entry", uid=uid))
    return render_template("journal/entry_form.html", form=form, entry=current)


@bp.get("/entry/<uid>/history")
@access.public
def history(uid: str):
    """Show every version of an entry, oldest first."""
    opened = held_record()
    try:
        versions = entries.history(opened, uid)
    except entries.EntryNotFound:
        abort(404)
    return render_template(
        "journal/history.html", uid=uid, versions=versions, labels=entries.FORM_LABELS
    )


@bp.get("/entry/<uid>/file/<file_uid>")
@access.public
def file(uid: str, file_uid: str):
    """Download an evidence file of an entry."""
    opened = held.open_record()
    if opened is None:
        abort(404)
    try:
        meta, data = entries.read_file(opened, uid, file_uid)
    except entries.EntryNotFound:
        abort(404)
    return send_file(
        io.BytesIO(data), mimetype=meta["mime"], as_attachment=True, download_name=meta["filename"]
    )


@bp.route("/entry/<uid>/delete", methods=["GET", "POST"])
@access.public
def delete_entry(uid: str):
    """Ask, then delete an entry with all its versions and evidence."""
    opened = held_record()
    current = entry_or_404(opened, uid)
    form = ActionForm()
    if form.validate_on_submit():
        entries.delete_entry(opened, uid, clock.today())
        flash(_("The entry has been deleted, with all its versions and files."), "success")
        return redirect(url_for("recordcode.index"))
    return render_template("journal/delete.html", form=form, entry=current)


@bp.route("/delete", methods=["GET", "POST"])
@access.public
def delete_record():
    """Ask, then delete the whole record, and close it in this browser."""
    opened = held_record()
    form = ActionForm()
    if form.validate_on_submit():
        codes.delete(opened, clock.today())
        held.close()
        flash(_("Your record has been deleted. Nothing of it is kept."), "success")
        return redirect(url_for("recordcode.start_page"))
    return render_template("journal/delete.html", form=form, entry=None)


@bp.get("/export.pdf")
@access.public
def export_pdf():
    """Download the record as a PDF."""
    data = exports.pdf_bytes(held_record(), clock.today())
    return send_file(
        io.BytesIO(data), mimetype="application/pdf", as_attachment=True, download_name="record.pdf"
    )


@bp.get("/export.json")
@access.public
def export_json():
    """Download everything in the record, evidence included, as JSON."""
    data = json.dumps(exports.json_export(held_record(), clock.today()), ensure_ascii=False)
    return send_file(
        io.BytesIO(data.encode()),
        mimetype="application/json",
        as_attachment=True,
        download_name="record.json",
    )
