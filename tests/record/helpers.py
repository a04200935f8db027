"""Helpers for the record's tests: an owner with a confirmed recovery code, and an entry."""

import re

import pyotp

from tests.conftest import make_person, pass_second_factor, sign_in


def entry_data(what: str = "He shouted at me in the team room.", **extra) -> dict:
    return {
        "happened_on": "2026-02-10",
        "happened_until": "",
        "time": "09:30",
        "place": "Team room",
        "channel": "",
        "post_url": "",
        "people-0-name": "J. Doe",
        "people-0-relation": "manager",
        "witnesses": "A colleague",
        "what": what,
        "effect": "I could not sleep.",
        "actions": "I told my partner.",
        "form": "intimidation",
        **extra,
    }


def become_owner(client, email: str = "owner@example.test", roles=None) -> str:
    """Create and sign in an employee, confirm their recovery code; return the code."""
    kwargs = {"roles": roles} if roles else {}
    secret = pyotp.random_base32()
    make_person(email=email, totp_secret=secret, **kwargs)
    sign_in(client, email)
    pass_second_factor(client, secret)
    page = client.get("/record/recovery-code").get_data(as_text=True)
    code = re.search(r"<code>([A-Z0-9-]+)</code>", page).group(1)
    assert client.post("/record/recovery-code", data={"typed": code}).status_code == 302
    return code


def write_entry(client, **data) -> str:
    """Post a new entry; return its uid."""
    response = client.post("/record/new", data=entry_data(**data))
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[-1]
