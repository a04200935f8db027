"""Signing in and out, the second factor, and changing one's password."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth import oidc
from portal.auth.blueprint import bp
from portal.auth.forms import CodeForm, PasswordForm, SignInForm
from portal.core.accounts import keyring, notices, people, sessions, step_enrolments
from portal.core.accounts import second_factor as totp
from portal.core.accounts.models import Person
from portal.home import today
from portal.platform import clock, throttle
from portal.record import anchor
from portal.reports import mine
from portal.together import matching
from portal.web import access, form_views
from portal.web.forms import ActionForm
from portal.web.redirects import safe_next


def minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


def landing(person: Person) -> str:
    """Where a person starts: staff on their today page, everyone else on the home page."""
    return url_for("home.today") if today.lands_on_today(person.roles) else url_for("home.index")


def pending_step(person: Person, target: str) -> str | None:
    """Return the page signing in still asks for (second step, own password), if any.

    The page the person was heading for travels along as `next`, so it is reached at the end.
    """
    after = target if target != landing(person) else None
    if sessions.needs_second_factor(person):
        return url_for("auth.second_factor", next=after)
    if person.must_change_password:
        return url_for("auth.change_password", next=after)
    return None


@bp.route("/sign-in", methods=["GET", "POST"])
@access.public
def sign_in():
    """Sign in with e-mail address and password."""
    wanted = safe_next(request.args.get("next"), "")
    if current_user.is_authenticated:
        return redirect(wanted or landing(current_user))
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        try:
            person = people.authenticate(
                form.email.data, form.password.data, request.remote_addr or ""
            )
        except throttle.Throttled as exc:
            status = 429
            form.form_errors.append(
                _(
                    "Too many failed attempts. Try again in %(n)d minutes.",
                    n=minutes(exc.retry_after),
                )
            )
        except people.SignInFailed:
            form.form_errors.append(_("The e-mail address or the password is not right."))
        else:
            return signed_in(person, wanted, keyring.on_sign_in(person, form.password.data))
    return render_template(
        "auth/sign_in.html", form=form, provider=oidc.enabled() and provider_label()
    ), status


def signed_in(person: Person, wanted: str, unlocked: keyring.Unlocked | None):
    """Start the person's session (with their key when a password opened it) and send them on
    to what signing in still asks (second step, own password), then where they were going."""
    sessions.sign_in(person)
    for notice in notices.recent(person):
        flash(notices.text_of(notice), "warning")
    if unlocked is not None:
        keep_in_session(person, unlocked)
        if not sessions.needs_second_factor(person):
            matching.on_sign_in(person, unlocked.private_key, clock.today())
    # Everyone signed in holds a record anchor of one size, a record or not.
    anchor.give_blank(anchor.ACCOUNT_COOKIE)
    target = wanted or landing(person)
    return redirect(pending_step(person, target) or target)


def provider_label() -> str:
    """How the sign-in page names the organisation's provider."""
    return current_app.config["OIDC_LABEL"] or _("your organisation's account")


@bp.post("/sign-out")
@access.signing_in
def sign_out():
    """End the session on the server and in the browser (and at the provider, when the person
    signed in through it: otherwise the next click on its button signs them in again)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    through_provider = sessions.through_provider()
    sessions.sign_out()
    flash(_("You are signed out."), "info")
    home = url_for("home.index")
    if through_provider and oidc.enabled():
        return redirect(oidc.end_session_url(url_for("home.index", _external=True)) or home)
    return redirect(home)


@bp.route("/second-factor", methods=["GET", "POST"])
@access.signing_in
def second_factor():
    """Ask for the authenticator code, or enrol the authenticator first."""
    if not sessions.needs_second_factor(current_user):
        return redirect(landing(current_user))
    person: Person = current_user
    if step_enrolments.waiting_for(person):
        return waiting_for_check(person)
    form = CodeForm()
    status = 200
    enrolling = person.totp_secret is None
    secret = (
        totp.enrolment_secret(current_app.config["SECRET_KEY"], person.session_record.token_digest)
        if enrolling
        else person.totp_secret
    )
    if form.validate_on_submit():
        try:
            if enrolling:
                people.enrol_second_factor(person, secret, form.code.data)
            else:
                people.verify_second_factor(person, form.code.data)
        except people.SecondStepUnchecked:
            return redirect(url_for("auth.second_factor", next=request.args.get("next")))
        except people.WrongCode:
            form.code.errors.append(_("This code is not right. Wait for a new code and try again."))
        except people.CodeJustUsed:
            form.code.errors.append(
                _(
                    "This code was just used. Wait for the next code in your app (a new one comes every 30 seconds) and type that one."
                )
            )
        except throttle.Throttled as exc:
            status = 429
            form.code.errors.append(
                _(
                    "Too many wrong codes. Try again in %(n)d minutes.",
                    n=minutes(exc.retry_after),
                )
            )
        else:
            sessions.mark_second_factor(person)
            matching.on_sign_in(person, sessions.vault_secret(person, "private_key"), clock.today())
            target = safe_next(request.args.get("next"), landing(person))
            return redirect(pending_step(person, target) or target)
    uri = totp.provisioning_uri(secret, person.email)
    return render_template(
        "auth/second_factor.html",
        form=form,
        enrolling=enrolling,
        secret=secret,
        qr=totp.qr_svg(uri) if enrolling else None,
        demo_code=totp.current_code(secret) if current_app.config["DEMO"] else None,
    ), status


def keep_in_session(person: Person, unlocked: keyring.Unlocked) -> None:
    """Keep an opened private key in the session's vault, and pick up the person's reports."""
    if unlocked.private_key:
        sessions.store_in_vault(
            person, private_key=unlocked.private_key, recovery_key=unlocked.recovery_key
        )
        mine.pick_up(person, unlocked.private_key)


def waiting_for_check(person: Person):
    """Say that the authenticator app waits for a second person's check, with the fingerprint
    to show them."""
    return render_template(
        "auth/second_step_waiting.html", fingerprint=step_enrolments.readable_fingerprint(person)
    )


@bp.route("/password", methods=["GET", "POST"])
@access.signing_in
def change_password():
    """Change one's own password (required after an administrator set a temporary one)."""
    if sessions.needs_second_factor(current_user):
        return redirect(url_for("auth.second_factor"))
    form = PasswordForm()

    def change():
        unlocked = people.change_password(current_user, form.current.data, form.new.data)
        keep_in_session(current_user, unlocked)

    return form_views.submit(
        form,
        change,
        {
            people.WrongPassword: form_views.on_field(
                form.current, _("This is not your current password.")
            ),
            people.WeakPassword: form_views.on_field(
                form.new, _("Choose a password that does not contain your e-mail name.")
            ),
        },
        saved=_("Your password has been changed."),
        then=lambda _: safe_next(request.args.get("next"), landing(current_user)),
        page=lambda: render_template("auth/password.html", form=form),
    )
