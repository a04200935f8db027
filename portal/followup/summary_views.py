"""The reporter approves or declines the text of a summary before it is shared.

Registered behind both doors (doors.py): the receipt code and My reports.
"""

from flask import abort, flash, redirect
from flask_babel import gettext as _

from portal.consent import approval, sharing
from portal.followup import doors
from portal.platform import clock
from portal.web.forms import ActionForm


def _decide(door: doors.Door, reference: str | None, version_id: int, decide, done: str):
    opened = door.open(reference) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        decide(opened, version_id, clock.today())
    except sharing.GranteeKeyChanged:
        flash(
            _(
                "The person's key pair was replaced since you consented; nothing was shared. Confirm your consent for their new key first, then approve the summary."
            ),
            "error",
        )
    except sharing.ConsentError:
        flash(_("This summary can no longer be approved or declined."), "error")
    else:
        flash(done, "success")
    return redirect(door.url("report", reference) + "#summaries")


@doors.route("/summary/<int:version_id>/approve", "approve_summary", ("POST",))
def approve_summary(door: doors.Door, reference: str | None, version_id: int):
    """Approve the summary's text: only now is it shared with the person I consented to."""
    return _decide(
        door,
        reference,
        version_id,
        approval.approve,
        _("You approved the summary. It is now shared."),
    )


@doors.route("/summary/<int:version_id>/decline", "decline_summary", ("POST",))
def decline_summary(door: doors.Door, reference: str | None, version_id: int):
    """Decline the summary's text: nothing is shared; the adviser sees that I declined."""
    return _decide(
        door,
        reference,
        version_id,
        approval.decline,
        _(
            "You declined the summary. Nothing was shared. You can tell your adviser why in a message."
        ),
    )
