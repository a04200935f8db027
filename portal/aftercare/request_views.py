"""An employee asks their team lead or an HR person for aftercare; that person accepts or declines."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal import access, clock
from portal.accounts.roles import Role
from portal.aftercare import notify, requests
from portal.aftercare.blueprint import bp
from portal.aftercare.forms import AskForm
from portal.aftercare.views import private_key


@bp.route("/ask", methods=["GET", "POST"])
@access.signed_in
def ask():
    """Ask one's team lead or an HR person to start aftercare together."""
    form = AskForm()
    form.person.choices = [SelectChoice(0, _("Choose a person"))] + [
        SelectChoice(p.id, p.display_name) for p in requests.addressees(current_user)
    ]
    if form.validate_on_submit():
        try:
            addressee = requests.ask(current_user, form.person.data, clock.today())
        except requests.AddresseeUnavailable:
            form.person.errors.append(_("Choose your team lead or an HR person."))
        except requests.NoKey:
            form.form_errors.append(
                _(
                    "You sign in through your organisation's own sign-in, so you have no key "
                    "yet. Set a record passphrase on your record page (My record) first, then "
                    "ask again."
                )
                if current_user.password_hash is None
                else _(
                    "Your key is not open in this session. Sign out and sign in again with your "
                    "password, then ask again."
                )
            )
        else:
            notify.request_received(addressee)
            flash(
                _(
                    "%(name)s has been asked. You will see the case here once it is opened.",
                    name=addressee.display_name,
                ),
                "success",
            )
            return redirect(url_for("aftercare.index"))
    return render_template("aftercare/ask.html", form=form)


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
    try:
        requests.decline(current_user, private_key(), request_id)
    except requests.RequestNotFound:
        abort(404)
    flash(_("The request has been declined."), "success")
    return redirect(url_for("aftercare.index"))


@bp.post("/requests/<int:request_id>/withdraw")
@access.signed_in
def withdraw_request(request_id: int):
    """Take back one's own request."""
    try:
        requests.withdraw(current_user, private_key(), request_id)
    except requests.RequestNotFound:
        abort(404)
    flash(_("Your request has been taken back."), "success")
    return redirect(url_for("aftercare.index"))
