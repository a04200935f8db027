"""An employee asks their team lead or an HR person for aftercare; that person accepts or declines."""

from collections.abc import Callable

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.aftercare import notify, requests
from portal.aftercare.blueprint import bp
from portal.aftercare.forms import AskForm, person_choices
from portal.aftercare.views import key_not_open, private_key
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role, with_roles
from portal.platform import clock
from portal.platform.i18n import lazy_gettext as _l
from portal.web import access, form_views

KEY_NOT_OPEN_TO_ASK = key_not_open(
    sso=_l(
        "You sign in through your organisation's own sign-in, so you have no key "
        "yet. Set a record passphrase on your record page (My record) first, then "
        "ask again."
    ),
    password=_l(
        "Your key is not open in this session. Sign out and sign in again with your "
        "password, then ask again."
    ),
)


@bp.route("/ask", methods=["GET", "POST"])
@access.signed_in
def ask():
    """Ask one's team lead or an HR person to start aftercare together."""
    form = AskForm()
    form.person.choices = person_choices(
        requests.addressees(current_user),
        lambda p: with_roles(p.display_name, requests.capacities(current_user, p)),
    )

    def ask_and_tell() -> Person:
        addressee = requests.ask(current_user, form.person.data, clock.today())
        notify.request_received(addressee)
        return addressee

    return form_views.submit(
        form,
        ask_and_tell,
        {
            requests.AddresseeUnavailable: form_views.on_field(
                form.person, _("Choose your team lead or an HR person.")
            ),
            requests.NoKey: form_views.on_form(form, KEY_NOT_OPEN_TO_ASK),
        },
        saved=lambda addressee: _(
            "%(name)s has been asked. You will see the case here once it is opened.",
            name=addressee.display_name,
        ),
        then=url_for("aftercare.index"),
        page=lambda: render_template("aftercare/ask.html", form=form),
    )


def answer(step: Callable, request_id: int, done: str):
    """Decline or take back a request with my key, and go back to my aftercare page."""
    return form_views.act(
        lambda: step(current_user, private_key(), request_id),
        {requests.RequestNotFound: form_views.aborted(404)},
        saved=done,
        then=url_for("aftercare.index"),
    )


@bp.post("/requests/<int:request_id>/accept")
@access.roles(Role.TEAM_LEAD, Role.HR)
def accept_request(request_id: int):
    """Accept a request: the case opens with the employee who asked."""
    try:
        case, employee = requests.accept(
            current_user, private_key(), request_id, clock.today(), current_app.config
        )
    except requests.RequestNotFound:
        abort(404)
    notify.case_opened(employee)
    flash(_("The case has been opened and the employee has been told."), "success")
    return redirect(url_for("aftercare.case", reference=case.reference))


@bp.post("/requests/<int:request_id>/decline")
@access.roles(Role.TEAM_LEAD, Role.HR)
def decline_request(request_id: int):
    """Decline a request; the employee sees it and can ask someone else."""
    return answer(requests.decline, request_id, _("The request has been declined."))


@bp.post("/requests/<int:request_id>/withdraw")
@access.signed_in
def withdraw_request(request_id: int):
    """Take back one's own request."""
    return answer(requests.withdraw, request_id, _("Your request has been taken back."))
