"""The pages of a record kept by its code: the same timeline, entries, history, exports and
deletion as the account's record (doors.py), opened from what this browser holds
(held.py)."""

from typing import NoReturn

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.platform import clock
from portal.record import codes, doors, held, pages
from portal.record.blueprint import code_bp
from portal.record.code_forms import StartForm
from portal.web import access
from portal.web.forms import ActionForm

code_bp.context_processor(pages.record_labels)


def to_open_page() -> NoReturn:
    """Send the visitor to the page that opens a record."""
    abort(redirect(url_for("record_code.open")))


DOOR = doors.Door(code_bp, access.public, find=held.open_record, missing=to_open_page)
doors.register(DOOR)


@code_bp.get("/record")
@access.public
def index():
    """Show the timeline of the record this browser holds open."""
    return doors.timeline_page(
        DOOR, DOOR.record(), "record/code/index.html", close_form=StartForm(formdata=None)
    )


@code_bp.route("/delete", methods=["GET", "POST"])
@access.public
def delete_record():
    """Ask, then delete the whole record, and close it in this browser."""
    opened = DOOR.record()
    form = ActionForm()
    if form.validate_on_submit():
        codes.delete(opened, clock.today())
        held.close()
        flash(_("Your record has been deleted. Nothing of it is kept."), "success")
        return redirect(url_for("record_code.start_page"))
    return render_template("record/delete.html", form=form, entry=None)
