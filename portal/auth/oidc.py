"""Signing in with the organisation's own OpenID Connect provider (Entra ID, Keycloak, ADFS,
Google Workspace), next to the portal's passwords and the trusted proxy header.

The protocol is Authlib's Flask client, configured here: the authorization code flow with PKCE
(S256); `state` kept in this browser's session and checked when the provider sends the person
back (a callback replayed in another browser finds no state); a `nonce` bound into the ID
token and checked; the ID token's signature checked against the keys the provider publishes
(its discovery document names them; a token signed with a key not yet seen makes the client
fetch the keys again once, which is how a provider's key rotation is followed), its issuer,
audience and expiry checked (Authlib allows two minutes of clock difference).

Who is who: a person is linked by the provider's issuer and subject identifier, never by an
e-mail claim (the portal asks the provider for `openid` only, so it is not even told one). The
first sign-in links to an existing account only after the person proves it is theirs, with
their portal password once (a temporary password an administrator set does not count). The
provider never gives a role or an account: roles keep their second-person rules, and a person
the portal does not know is told to ask the administrator.

Keys and the second step: signing in this way unlocks no key (the portal never sees a
password), so a record opens with the password or the record passphrase as after a sign-in
through the proxy header. Advisers, HR and administrators always pass the portal's own second
step (SECOND_FACTOR_ROLES), whatever the provider asserts: an administrator of the provider can
reset a password and its second factor, and must not become an adviser that way.

The anonymous reporter's path never touches the provider: nothing here runs before a request,
and only the sign-in pages link to it.
"""

from dataclasses import dataclass

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app
from joserfc.errors import JoseError
from peewee import IntegrityError

from portal.auth.models import SignInLink
from portal.core.accounts import people
from portal.core.accounts.models import Person
from portal.platform.clock import today
from portal.platform.database import db

CLIENT = "provider"
EXTENSION = "vertrouwd_oidc"  # each app its own client: tests build many apps


class ProviderRefused(Exception):
    """The provider's answer does not prove who signed in (state, nonce, signature, expiry, an
    error the provider reported, or the provider not answering)."""


class CannotLink(Exception):
    """The account cannot be linked: reason is one of wrong_password, temporary_password,
    already_linked."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Identity:
    """Who the provider says signed in: its issuer and the subject identifier it gives them."""

    issuer: str
    subject: str


def enabled(app: Flask | None = None) -> bool:
    return bool((app or current_app).config["OIDC_ISSUER"])


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def init_app(app: Flask) -> None:
    if not enabled(app):
        return
    oauth = OAuth(app)
    app.extensions[EXTENSION] = oauth
    oauth.register(
        CLIENT,
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=discovery_url(app.config["OIDC_ISSUER"]),
        client_kwargs={"scope": "openid", "code_challenge_method": "S256", "timeout": 10},
    )


def client():
    return current_app.extensions[EXTENSION].create_client(CLIENT)


def start(return_url: str):
    """The redirect to the provider's sign-in page (state, nonce and PKCE kept in the session)."""
    try:
        return client().authorize_redirect(return_url)
    except (requests.RequestException, ValueError) as exc:
        raise ProviderRefused("the provider does not answer") from exc


def finish() -> Identity:
    """Check the provider's answer on the return URL and say who signed in."""
    try:
        token = client().authorize_access_token()
    except (OAuthError, JoseError, requests.RequestException, ValueError, KeyError) as exc:
        raise ProviderRefused(type(exc).__name__) from exc
    claims = token.get("userinfo") or {}
    issuer, subject = claims.get("iss"), claims.get("sub")
    if not issuer or not subject:
        raise ProviderRefused("no subject")
    return Identity(issuer=issuer, subject=subject)


def linked_person(identity: Identity) -> Person | None:
    """The active person this provider identity is linked to, if any."""
    return (
        Person.select()
        .join(SignInLink, on=(SignInLink.person == Person.id))
        .where(
            (SignInLink.issuer == identity.issuer)
            & (SignInLink.subject == identity.subject)
            & (Person.active == True)
        )
        .first()
    )


def link(identity: Identity, email: str, password: str, address: str) -> Person:
    """Link the identity to the account whose own password was typed; raise CannotLink (or
    throttle.Throttled: linking counts as a sign-in attempt)."""
    try:
        person = people.authenticate(email, password, address)
    except people.SignInFailed as exc:
        raise CannotLink("wrong_password") from exc
    if person.must_change_password:
        raise CannotLink("temporary_password")
    try:
        with db.atomic():
            SignInLink.create(
                issuer=identity.issuer, subject=identity.subject, person=person, linked_on=today()
            )
    except IntegrityError as exc:  # this account, or this identity, is linked already
        raise CannotLink("already_linked") from exc
    return person


def end_session_url(after: str) -> str | None:
    """Where to send the browser so the provider ends its session too (RP-initiated logout)."""
    try:
        metadata = client().load_server_metadata()
    except (requests.RequestException, ValueError):
        return None
    endpoint = metadata.get("end_session_endpoint")
    if not endpoint:
        return None
    return client().create_logout_url(
        post_logout_redirect_uri=after, client_id=current_app.config["OIDC_CLIENT_ID"]
    )["url"]
