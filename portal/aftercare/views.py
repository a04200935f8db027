"""Aftercare pages: my cases, opening a case, the case itself, its members, HR's overview."""

import io
from collections.abc import Callable
from functools import wraps

from flask import abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.aftercare import (
    cases,
    checkins,
    items,
    membership,
    next_step,
    notify,
    overview,
    policy,
    protocol,
    requests,
    steps,
)
from portal.aftercare.blueprint import bp
from portal.aftercare.forms import (
    AddMemberForm,
    AskHelpForm,
    CloseForm,
    NewKeyForm,
    OpenCaseForm,
    person_choices,
)
from portal.core.accounts import keyring, sessions
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.platform.i18n import lazy_gettext as _l
from portal.web import access, form_views


def private_key() -> bytes | None:
    """Return the signed-in person's private key from the session vault, or None."""
    return sessions.vault_secret(current_user, "private_key")


def with_case(view: Callable) -> Callable:
    """Open the case named in the URL for the current person (404 for anyone not on it) and
    turn the domain's refusals into 403 or a message."""

    @wraps(view)
    def wrapper(reference: str, **kwargs):
        """Open the case, then run the view with it."""
        try:
            opened = cases.open_for(current_user, private_key(), reference)
        except cases.CaseNotFound:
            abort(404)
        try:
            return view(opened, **kwargs)
        except cases.NotAllowed:
            abort(403)
        except cases.CaseClosed:
            flash(_("This case is closed; nothing can be changed any more."), "error")
            return redirect(url_for("aftercare.case", reference=reference))
        except (items.ItemNotFound, checkins.CheckInNotFound, steps.StepError):
            abort(404)

    return wrapper


def my_open_cases() -> list[cases.CaseSummary]:
    """Return the open cases about the signed-in person (for the notice on the home page)."""
    if not current_user.is_authenticated:
        return []
    return cases.cases_for(current_user, private_key(), about_me_open_only=True)


@bp.app_context_processor
def notices() -> dict:
    """Offer templates the open cases about the signed-in person."""
    return {"aftercare_cases_about_me": my_open_cases}


@bp.get("/")
@access.signed_in
def index():
    """List my aftercare cases, as the employee or as the lead or HR on them."""
    key = private_key()
    staff = current_user.has_role(Role.TEAM_LEAD, Role.HR)
    return render_template(
        "aftercare/index.html",
        cases=cases.cases_for(current_user, key),
        has_key=key is not None,
        check_code=keyring.check_code_of(current_user.id) if key is not None else None,
        key_state=key_state(),
        waiting=membership.waiting_for_me(current_user) if staff else [],
        may_open_cases=staff,
        received=requests.received(current_user, key) if staff else [],
        sent=requests.sent(current_user, key),
    )


@bp.route("/new", methods=["GET", "POST"])
@access.roles(Role.TEAM_LEAD, Role.HR)
def new():
    """Open a case for a staff member picked from the people directory."""
    form = OpenCaseForm()
    candidates = cases.employee_candidates(current_user)
    form.employee.choices = person_choices(candidates, lambda p: f"{p.display_name} ({p.email})")

    def open_and_tell() -> cases.Case:
        case = cases.open_case(current_user, form.employee.data, clock.today(), current_app.config)
        notify.case_opened(Person.get_by_id(form.employee.data))
        return case

    return form_views.submit(
        form,
        open_and_tell,
        {
            cases.EmployeeUnavailable: form_views.on_field(
                form.employee, _("A case cannot be opened for this person.")
            ),
            cases.KeyUnavailable: form_views.on_form(form, KEY_NOT_OPEN_TO_OPEN_CASE),
        },
        saved=_("The case has been opened and the employee has been told."),
        then=lambda case: url_for("aftercare.case", reference=case.reference),
        page=lambda: render_template("aftercare/new.html", form=form),
    )


def key_not_open(sso: str, password: str) -> Callable[[Exception], str]:
    """Say that my key is not open, in the words for how I sign in: single sign-on or password.

    Used where the domain refused because the acting person has no key to seal with.
    """
    return lambda exc: str(sso if key_state() in ("sso_no_key", "sso_locked") else password)


KEY_NOT_OPEN_TO_OPEN_CASE = key_not_open(
    sso=_l(
        "Your key is not open in this session. Open your record with your record "
        "passphrase (My record), then open the case."
    ),
    password=_l(
        "Your key is not open in this session. Sign out and sign in again with your "
        "password, then open the case."
    ),
)


def key_state() -> str:
    """Say how the signed-in person's key stands: open; or, under single sign-on, no key pair
    yet (no record passphrase set) or one not opened with the passphrase in this session."""
    if private_key() is not None:
        return "open"
    if current_user.password_hash is not None:
        return "locked"
    return "sso_locked" if keyring.public_key_of(current_user.id) else "sso_no_key"


def employee_waits_for_passphrase(body: dict) -> bool:
    """Tell whether the employee signs in only through single sign-on and has no key pair yet."""
    employee = Person.get_or_none(Person.id == body["employee"]["id"])
    return bool(
        employee and employee.password_hash is None and keyring.public_key_of(employee.id) is None
    )


def case_context(opened: cases.OpenCase) -> dict:
    """Gather everything the case page shows, decrypted."""
    today = clock.today()
    legal_days = current_app.config["AFTERCARE_LEGAL_HELP_DAYS"]
    clocks = steps.clocks(opened.case, legal_days)
    body = opened.body()
    step_list, checkin_list = steps.views(opened, today), checkins.views(opened, today)
    return {
        "opened": opened,
        "case": opened.case,
        "body": body,
        "today": today,
        "steps": step_list,
        "evidence": items.views(opened),
        "checkins": checkin_list,
        "next": next_step.whats_next(step_list, checkin_list),
        "help_form": AskHelpForm(formdata=None),
        "members": membership.members(opened),
        "log": membership.membership_log(opened),
        "key_changes": membership.key_changes(opened),
        "new_key_form": NewKeyForm(formdata=None),
        "clocks": clocks,
        "platform": steps.get_row(opened, protocol.PLATFORM),
        "legal_help_proposed": steps.legal_help_proposed(opened.case, legal_days, today),
        "employee_can_read": cases.employee_can_read(opened.case),
        "waits_for_passphrase": employee_waits_for_passphrase(body),
        "protocol": protocol,
        "policy_rules": {rule.number: rule for rule in policy.rules()},
        "add_form": AddMemberForm(),
        "hr_candidates": cases.hr_candidates(opened) if opened.is_staff else [],
        "close_form": CloseForm(),
    }


@bp.get("/<reference>")
@access.signed_in
@with_case
def case(opened: cases.OpenCase):
    """Show a case to a person on it: steps, evidence, check-ins, who is on it."""
    cases.record_opening(opened)
    context = case_context(opened)
    form = context["add_form"]
    form.person.choices = [SelectChoice(p.id, p.display_name) for p in context["hr_candidates"]]
    return render_template("aftercare/case.html", **context)


@bp.post("/<reference>/members")
@access.signed_in
@with_case
def add_member(opened: cases.OpenCase):
    """Add an HR person to the case."""
    form = AddMemberForm()
    form.person.choices = [SelectChoice(p.id, p.display_name) for p in cases.hr_candidates(opened)]
    if not form.validate_on_submit():
        flash(_("Choose an HR person."), "error")
        return redirect(url_for("aftercare.case", reference=opened.case.reference))
    return form_views.act(
        lambda: cases.add_hr(opened, form.person.data, clock.today()),
        {cases.MemberUnavailable: form_views.flashed(_("This person cannot be added."))},
        saved=lambda person: _("%(name)s has been added to the case.", name=person.display_name),
        then=url_for("aftercare.case", reference=opened.case.reference),
    )


@bp.post("/<reference>/members/<int:person_id>/remove")
@access.signed_in
@with_case
def remove_member(opened: cases.OpenCase, person_id: int):
    """Take an HR person off the case."""
    return form_views.act(
        lambda: cases.remove_hr(opened, person_id),
        {cases.MemberUnavailable: form_views.aborted(404)},
        saved=_("The person has been taken off the case."),
        then=url_for("aftercare.case", reference=opened.case.reference),
    )


@bp.post("/<reference>/members/<int:person_id>/new-key")
@access.signed_in
@with_case
def share_with_new_key(opened: cases.OpenCase, person_id: int):
    """Share the case with a person's first or new key, once the check code typed in matches."""
    form = NewKeyForm()
    typed = form.code.data if form.validate_on_submit() else ""
    return form_views.act(
        lambda: membership.share_with_new_key(opened, person_id, typed, clock.today()),
        {
            cases.MemberUnavailable: form_views.aborted(404),
            membership.NotConfirmed: form_views.flashed(
                _(
                    "Nothing was shared: that is not the check code of this person's key. Meet "
                    "them, let them sign in with their own password and read the check code to "
                    "you from their own screen (Aftercare page, 'Your check code'), then type it "
                    "in. If the codes do not match, do not share: tell the confidential adviser."
                )
            ),
        },
        saved=lambda change: _("The case is shared with %(name)s.", name=change.name),
        then=url_for("aftercare.case", reference=opened.case.reference) + "#members",
    )


@bp.post("/<reference>/close")
@access.signed_in
@with_case
def close(opened: cases.OpenCase):
    """Close the case with its outcome."""
    form = CloseForm()
    if form.validate_on_submit():
        cases.close(opened, form.outcome.data, clock.today())
        flash(_("The case has been closed."), "success")
    return redirect(url_for("aftercare.case", reference=opened.case.reference))


@bp.get("/<reference>/files/<int:file_id>")
@access.signed_in
@with_case
def evidence_file(opened: cases.OpenCase, file_id: int):
    """Send one screenshot of an evidence item, decrypted."""
    info, data = items.file_bytes(opened, file_id)
    return send_file(
        io.BytesIO(data), mimetype=info.mime, as_attachment=True, download_name=info.filename
    )


@bp.get("/<reference>/originals/<int:file_id>")
@access.signed_in
@with_case
def original_file(opened: cases.OpenCase, file_id: int):
    """Release a kept original to a person on the case, as a download; the access log has it."""
    info, data = items.original_bytes(opened, file_id)
    return send_file(
        io.BytesIO(data),
        mimetype="application/octet-stream",
        as_attachment=True,
        download_name=info.filename,
    )


@bp.get("/overview")
@access.roles(Role.HR)
def overview_page():
    """Show HR every open case: reference, how far it is and its next dates only."""
    rows = overview.open_cases(current_app.config["AFTERCARE_LEGAL_HELP_DAYS"])
    return render_template(
        "aftercare/overview.html", rows=rows, today=clock.today(), protocol=protocol
    )
