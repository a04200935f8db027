"""Ask an adviser for a conversation or a question: one short form, then the receipt code.

On the reporter's path: public, account-free, nothing logged, dates by the day.
"""

from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts import sessions
from portal.platform import clock, kdf_gate, throttle
from portal.reports import conversation, filing, kinds, notify, receipt_page
from portal.reports.blueprint import bp
from portal.reports.conversation_forms import ConversationForm
from portal.web import access, form_views

PAGE = "reports/conversation.html"


def adviser_choices() -> list[tuple]:
    """The advisers a request can go to (those who can receive reports), after a placeholder."""
    listed = filing.listed_advisers()
    return [("", _("Choose an adviser"))] + [(a.id, a.display_name) for a in listed]


def chosen_adviser(value) -> int | None:
    """The adviser's id from the form or the link (?adviser=), or None."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def render_form(form: ConversationForm, status: int = 200):
    return render_template(PAGE, form=form, kinds=kinds), status


@bp.route("/conversation", methods=["GET", "POST"])
@access.public
def conversation_request():
    """Ask the chosen adviser for a conversation (in person, if I wish) or a question."""
    form = ConversationForm()
    form.adviser.coerce = chosen_adviser
    form.adviser.choices = adviser_choices()
    if request.method == "GET":
        form.adviser.data = chosen_adviser(request.args.get("adviser"))
        return render_form(form)
    if not form.validate_on_submit():
        return render_form(form, 400)
    reporter_key = (
        sessions.vault_secret(current_user, "private_key")
        if current_user.is_authenticated
        else None
    )
    try:
        filed = conversation.ask(
            form_views.into(conversation.ConversationRequest, form),
            reporter_key,
            clock.today(),
            current_app.config["CONVERSATION_ANSWER_WORKING_DAYS"],
            address=request.remote_addr or "",
        )
    except (filing.FilingError, conversation.RequestError):
        form.adviser.errors.append(_("This adviser cannot receive requests now. Choose another."))
        return render_form(form, 400)
    except throttle.Throttled:
        form.form_errors.append(
            _(
                "Many reports and requests were sent from this network today, so no more can be sent from it until tomorrow. What you typed is still here: send it tomorrow, or from another network."
            )
        )
        return render_form(form, 429)
    except kdf_gate.Busy:
        form.form_errors.append(
            _(
                "It is very busy at this moment and your request has not been sent yet. Nothing is lost: press “Send” again in a minute."
            )
        )
        return render_form(form, 503)
    notify.something_new(filed.advisers)
    # Rendered, not redirected: the code is shown once and must not travel in a cookie.
    return receipt_page.render(filed.report, filed.receipt_code, 201)
