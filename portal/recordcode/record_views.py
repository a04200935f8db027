"""The pages of a record kept by its code: the same timeline, entries, history, exports and
deletion as the account's record (journal/doors.py), opened from what this browser holds
(held.py)."""

from typing import NoReturn

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal import access, clock
from portal.forms import ActionForm
from portal.journal import codes, doors, pages
from portal.recordcode import held
from portal.recordcode.blueprint import bp
from portal.recordcode.forms import StartForm

bp.context_processor(pages.record_labels)


def to_open_page() -> NoReturn:
    """Send the visitor to the page that opens a record."""
    abort(redirect(url_for("recordcode.open")))


DOOR = doors.Door(bp, access.public, find=held.open_record, missing=to_open_page)
doors.register(DOOR)


@bp.get("/record")
@access.public
def index():
    """Show the timeline of the record this browser holds open."""
    return doors.timeline_page(
        DOOR.record(), "recordcode/index.html", close_form=StartForm(formdata=None)
    )


@bp.route("/delete", methods=["GET", "POST"])
@access.public
def delete_record():
    """Ask, then delete the whole record, and close it in this browser."""
    opened = DOOR.record()
    form = ActionForm()
    if form.validate_on_submit():
        codes.delete(opened, clock.today())
        held.close()
        flash(_("Your record has been deleted. Nothing of it is kept."), "success")
        return redirect(url_for("recordcode.start_page"))
    return render_template("journal/delete.html", form=form, entry=None)
