"""Signing in through the organisation's OpenID Connect provider: to the provider and back,
and linking an account the first time (see oidc.py for what is checked and why)."""

import time

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.auth import oidc
from portal.auth.blueprint import bp
from portal.auth.forms import KeyPasswordForm, SignInForm
from portal.auth.views import keep_in_session, minutes, provider_label, signed_in
from portal.core.accounts import keyring, people, sessions
from portal.platform import throttle
from portal.web import access
from portal.web.redirects import safe_next

# Between the provider's answer and the link form, in the (signed) cookie session: the
# identity to link, and when the provider vouched for it. Only this long, then sign in again.
PENDING = "provider_identity_to_link"
PENDING_SECONDS = 600
NEXT = "provider_next"


@bp.before_request
def provider_configured():
    if request.endpoint and request.endpoint.startswith("auth.provider_") and not oidc.enabled():
        abort(404)


@bp.get("/sign-in/provider")
@access.public
def provider_start():
    """Go to the provider's sign-in page."""
    session[NEXT] = safe_next(request.args.get("next"), "")
    try:
        return oidc.start(url_for("auth.provider_return", _external=True))
    except oidc.ProviderRefused:
        flash(
            _(
                "%(provider)s does not answer. Sign in with your password, or try again later.",
                provider=provider_label(),
            ),
            "error",
        )
        return redirect(url_for("auth.sign_in"))


@bp.get("/sign-in/provider/return")
@access.public
def provider_return():
    """The provider sends the person back here: check its answer, then sign in or link."""
    try:
        identity = oidc.finish()
    except oidc.ProviderRefused:
        flash(
            _(
                "Signing in through %(provider)s did not work. Please try again.",
                provider=provider_label(),
            ),
            "error",
        )
        return redirect(url_for("auth.sign_in"))
    wanted = session.pop(NEXT, "")
    person = oidc.linked_person(identity)
    if person is None:
        session[PENDING] = {
            "issuer": identity.issuer,
            "subject": identity.subject,
            "at": int(time.time()),
        }
        session[NEXT] = wanted
        return redirect(url_for("auth.provider_link"))
    response = signed_in(person, wanted, None)
    sessions.note_provider_sign_in()
    return response


def pending_identity() -> oidc.Identity | None:
    pending = session.get(PENDING)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return oidc.Identity(issuer=pending["issuer"], subject=pending["subject"])


@bp.route("/sign-in/provider/link", methods=["GET", "POST"])
@access.public
def provider_link():
    """The first sign-in through the provider: the person shows the account is theirs with
    the portal password, once."""
    identity = pending_identity()
    if identity is None:
        session.pop(PENDING, None)
        flash(_("Please sign in through %(provider)s again.", provider=provider_label()), "info")
        return redirect(url_for("auth.sign_in"))
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        try:
            person = oidc.link(
                identity, form.email.data, form.password.data, request.remote_addr or ""
            )
        except throttle.Throttled as exc:
            status = 429
            form.form_errors.append(
                _(
                    "Too many failed attempts. Try again in %(n)d minutes.",
                    n=minutes(exc.retry_after),
                )
            )
        except oidc.CannotLink as exc:
            form.form_errors.append(LINK_REFUSED[exc.reason]())
        else:
            session.pop(PENDING, None)
            wanted = session.pop(NEXT, "")
            unlocked = keyring.on_sign_in(person, form.password.data)
            response = signed_in(person, wanted, unlocked)
            sessions.note_provider_sign_in()
            flash(
                _("From now on you can sign in through %(provider)s.", provider=provider_label()),
                "info",
            )
            return response
    return render_template("auth/provider_link.html", form=form, provider=provider_label()), status


LINK_REFUSED = {
    "wrong_password": lambda: _("The e-mail address or the password is not right."),
    "temporary_password": lambda: _(
        "This account still has a temporary password. Sign in with it first and choose your "
        "own password; then link your account."
    ),
    "already_linked": lambda: _(
        "This account is already linked to another sign-in at %(provider)s. Ask the "
        "administrator if that is not right.",
        provider=provider_label(),
    ),
}


@bp.route("/sign-in/provider/key", methods=["GET", "POST"])
@access.signed_in
def provider_key():
    """Signed in through the provider, the person opens their key with their portal password
    once in this session, to read their reports, record or case."""
    wanted = safe_next(request.args.get("next"), url_for("home.index"))
    if sessions.vault_secret(current_user, "private_key") is not None:
        return redirect(wanted)
    form = KeyPasswordForm()
    status = 200
    if form.validate_on_submit():
        try:
            people.authenticate(current_user.email, form.password.data, request.remote_addr or "")
        except throttle.Throttled as exc:
            status = 429
            form.password.errors.append(
                _(
                    "Too many failed attempts. Try again in %(n)d minutes.",
                    n=minutes(exc.retry_after),
                )
            )
        except people.SignInFailed:
            form.password.errors.append(_("This is not your current password."))
        else:
            keep_in_session(current_user, keyring.on_sign_in(current_user, form.password.data))
            return redirect(wanted)
    return render_template("auth/provider_key.html", form=form, provider=provider_label()), status
