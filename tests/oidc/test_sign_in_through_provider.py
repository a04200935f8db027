"""Signing in through the organisation's OpenID Connect provider, against a real provider
(node-oidc-provider on loopback): linking once with the portal password, then the provider
alone; roles and the second step stay the portal's; and every answer that does not prove who
signed in is refused: a wrong state, a callback replayed in another browser, an ID token with
another sign-in's nonce, an expired one, one whose signature does not match the published key.
A rotated key is followed."""

from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pyotp

from portal.auth.models import SignInLink
from portal.core.accounts.roles import Role
from tests.conftest import PASSWORD, make_person
from tests.factories import in_english


def start(client):
    """Press "Sign in with ..." and return the provider's authorize URL."""
    response = client.get("/sign-in/provider")
    assert response.status_code == 302
    return response.headers["Location"]


def back(client, return_url: str):
    """The browser arrives back at the portal from the provider."""
    parts = urlsplit(return_url)
    return client.get(f"{parts.path}?{parts.query}")


def through_provider(client, provider, subject: str):
    return back(client, provider.sign_in(start(client), subject))


def refused(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def signed_in_as(client, name: str) -> bool:
    return name in client.get("/").get_data(as_text=True)


def linked(app, provider, subject="sanne.idp", email="sanne@example.test"):
    """A browser in which Sanne linked her provider identity with her password once."""
    client = in_english(app.test_client())
    through_provider(client, provider, subject)
    client.post("/sign-in/provider/link", data={"email": email, "password": PASSWORD})
    return client


def test_the_sign_in_page_offers_the_provider(app):
    page = in_english(app.test_client()).get("/sign-in").get_data(as_text=True)
    assert "Sign in with Intranet" in page and 'href="/sign-in/provider' in page


def test_the_first_sign_in_links_with_the_own_password_then_the_provider_alone_signs_in(
    app, provider
):
    make_person(email="sanne@example.test", name="Sanne de Vries")
    client = in_english(app.test_client())
    arrived = through_provider(client, provider, "sanne.idp")
    assert arrived.headers["Location"] == "/sign-in/provider/link"
    page = client.get("/sign-in/provider/link").get_data(as_text=True)
    assert "Link your account" in page
    assert not signed_in_as(client, "Sanne de Vries")

    wrong = client.post(
        "/sign-in/provider/link", data={"email": "sanne@example.test", "password": "not hers"}
    )
    assert wrong.status_code == 200 and "password is not right" in wrong.get_data(as_text=True)
    assert SignInLink.select().count() == 0

    done = client.post(
        "/sign-in/provider/link", data={"email": "sanne@example.test", "password": PASSWORD}
    )
    assert done.status_code == 302
    assert signed_in_as(client, "Sanne de Vries")
    link = SignInLink.get()
    assert (link.issuer, link.subject) == (provider.issuer, "sanne.idp")

    later = in_english(app.test_client())
    arrived = through_provider(later, provider, "sanne.idp")
    assert arrived.status_code == 302 and not refused(arrived)
    assert "/link" not in arrived.headers["Location"]
    assert signed_in_as(later, "Sanne de Vries")


def test_an_e_mail_claim_links_nothing_and_an_unknown_subject_signs_in_no_one(app, provider):
    make_person(email="sanne@example.test", name="Sanne de Vries")
    client = in_english(app.test_client())
    # The provider's subject "sanne" has the e-mail claim sanne@idp.example; nothing follows.
    arrived = through_provider(client, provider, "sanne")
    assert arrived.headers["Location"] == "/sign-in/provider/link"
    assert not signed_in_as(client, "Sanne de Vries")


def test_a_temporary_password_does_not_link(app, provider):
    person = make_person(email="sanne@example.test", name="Sanne de Vries")
    person.must_change_password = True
    person.save()
    client = in_english(app.test_client())
    through_provider(client, provider, "sanne.idp")
    answer = client.post(
        "/sign-in/provider/link", data={"email": "sanne@example.test", "password": PASSWORD}
    )
    assert "temporary password" in answer.get_data(as_text=True)
    assert SignInLink.select().count() == 0


def test_an_adviser_still_passes_the_portals_own_second_step(app, provider):
    secret = pyotp.random_base32()
    make_person(
        email="marieke@example.test",
        name="Marieke Jansen",
        roles=(Role.ADVISER,),
        totp_secret=secret,
    )
    linked(app, provider, "marieke.idp", "marieke@example.test")
    client = in_english(app.test_client())
    arrived = through_provider(client, provider, "marieke.idp")
    assert arrived.headers["Location"].startswith("/second-factor")
    assert client.get("/inbox/").status_code in (302, 403)


def test_a_wrong_state_is_refused(app, provider):
    make_person(email="sanne@example.test", name="Sanne de Vries")
    linked(app, provider)
    client = in_english(app.test_client())
    returned = urlsplit(provider.sign_in(start(client), "sanne.idp"))
    query = parse_qs(returned.query)
    query["state"] = ["not-the-state-this-browser-was-given"]
    forged = urlunsplit(returned._replace(query=urlencode(query, doseq=True)))
    assert refused(back(client, forged))
    assert not signed_in_as(client, "Sanne de Vries")


def test_a_callback_replayed_in_another_browser_is_refused(app, provider):
    make_person(email="sanne@example.test", name="Sanne de Vries")
    linked(app, provider)
    victim, thief = in_english(app.test_client()), in_english(app.test_client())
    returned = provider.sign_in(start(victim), "sanne.idp")
    assert refused(back(thief, returned))
    assert not signed_in_as(thief, "Sanne de Vries")
    # And once used, the same answer does not work twice in its own browser either.
    assert not refused(back(victim, returned))
    again = in_english(app.test_client())
    start(again)
    assert refused(back(again, returned))


def test_an_id_token_carrying_another_sign_ins_nonce_is_refused(app, provider):
    """An attacker signs in at the provider with the victim's PKCE challenge and state but a
    nonce of their own: only the nonce can tell, and it does."""
    make_person(email="sanne@example.test", name="Sanne de Vries")
    linked(app, provider)
    victim = in_english(app.test_client())
    authorize = urlsplit(start(victim))
    query = parse_qs(authorize.query)
    query["nonce"] = ["the-attackers-own-nonce"]
    attackers = urlunsplit(authorize._replace(query=urlencode(query, doseq=True)))
    returned = provider.sign_in(attackers, "sanne.idp")  # in the attacker's own browser
    assert refused(back(victim, returned))
    assert not signed_in_as(victim, "Sanne de Vries")


def test_an_expired_id_token_is_refused(app, provider):
    make_person(email="sanne@example.test", name="Sanne de Vries")
    linked(app, provider)
    provider.restart(clock_offset=-3 * 3600)  # its ID tokens (an hour long) expired long ago
    client = in_english(app.test_client())
    assert refused(through_provider(client, provider, "sanne.idp"))
    assert not signed_in_as(client, "Sanne de Vries")


def test_an_id_token_whose_signature_does_not_match_the_published_key_is_refused(app, provider):
    make_person(email="sanne@example.test", name="Sanne de Vries")
    linked(app, provider)  # the portal now holds the provider's key "first"
    provider.restart(new_key="first")  # another key under the same name: not the one published
    client = in_english(app.test_client())
    assert refused(through_provider(client, provider, "sanne.idp"))
    assert not signed_in_as(client, "Sanne de Vries")


def test_a_rotated_key_is_fetched_and_followed(app, provider):
    make_person(email="sanne@example.test", name="Sanne de Vries")
    linked(app, provider)  # the portal now holds the provider's key "first"
    provider.restart(new_key="second")  # the provider rotated: a new key, a new name
    client = in_english(app.test_client())
    arrived = through_provider(client, provider, "sanne.idp")
    assert not refused(arrived)
    assert signed_in_as(client, "Sanne de Vries")


def test_signing_out_ends_the_providers_session_too(app, provider):
    make_person(email="sanne@example.test", name="Sanne de Vries")
    client = linked(app, provider)
    page = client.get("/").get_data(as_text=True)
    import re

    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    data = {"csrf_token": token.group(1)} if token else {}
    out = client.post("/sign-out", data=data)
    assert out.status_code == 302
    assert out.headers["Location"].startswith(provider.issuer)
    assert "client_id=vertrouwd-portal" in out.headers["Location"]
    assert not signed_in_as(client, "Sanne de Vries")


def test_portal_check_says_whether_the_provider_answers(app, provider):
    from portal.platform import checks

    found = checks.identity_provider(app)
    assert [f.level for f in found] == [checks.OK] and "1 key" in found[0].text
    app.config["OIDC_ISSUER"] = provider.issuer + "/elsewhere"
    assert checks.identity_provider(app)[0].level == checks.FAIL
    app.config["OIDC_ISSUER"] = provider.issuer
    provider.stop()
    found = checks.identity_provider(app)
    assert found[0].level == checks.FAIL and "cannot be reached" in found[0].text


def test_an_adviser_opens_the_key_with_the_portal_password_to_read_reports(app, provider):
    from tests.conftest import make_adviser
    from tests.factories import file_report

    adviser = make_adviser()
    filed = file_report([adviser.id], text="OIDC-KEY-TEST: the remarks at the coffee machine")
    linked(app, provider, "marieke.idp", adviser.email)
    client = in_english(app.test_client())
    through_provider(client, provider, "marieke.idp")
    client.post("/second-factor", data={"code": pyotp.TOTP(adviser.totp_secret).now()})
    inbox = client.get("/inbox/")
    assert inbox.status_code == 302 and inbox.headers["Location"].startswith(
        "/sign-in/provider/key"
    )
    wrong = client.post(inbox.headers["Location"], data={"password": "not mine"})
    assert "not your current password" in wrong.get_data(as_text=True)
    opened = client.post(inbox.headers["Location"], data={"password": PASSWORD})
    assert opened.status_code == 302 and opened.headers["Location"] == "/inbox/"
    page = client.get(f"/inbox/{filed.report.reference}").get_data(as_text=True)
    assert "OIDC-KEY-TEST" in page
