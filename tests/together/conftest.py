"""People and helpers for report together: advisers with the secret, writers, a named person."""

import pytest

from portal.core.accounts import keyring
from portal.core.accounts.roles import Role
from portal.platform.clock import today
from portal.together import holding, matching
from tests.conftest import PASSWORD, make_adviser, make_person


def key_of(person) -> bytes:
    """Open a person's private key with the test password (as their sign-in does)."""
    from portal.core.accounts.models import KeyRing

    return keyring.unlock(KeyRing.get(KeyRing.person == person), PASSWORD)


def writer(email: str, name: str):
    person = make_person(email=email, name=name, roles=(Role.EMPLOYEE,))
    keyring.create(person, PASSWORD)
    return person


def hold_about(person, about, adviser, what="He shouts at me in every meeting."):
    return holding.hold(
        person,
        key_of(person),
        holding.Holding(about=about.id, category="intimidation", what=what, adviser=adviser.id),
        today(),
    )


@pytest.fixture
def together(app):
    """An app context with a set-up secret held by one adviser, two writers and a named person."""
    with app.app_context():
        adviser = make_adviser()
        matching.set_up(adviser, key_of(adviser), today())
        people = {
            "adviser": adviser,
            "anna": writer("anna@example.test", "Anna Visser"),
            "bram": writer("bram@example.test", "Bram Peters"),
            "carla": writer("carla@example.test", "Carla Smit"),
            "named": make_person(email="boss@example.test", name="Hendrik Boss"),
            "other": make_person(email="other@example.test", name="Ingrid Other"),
        }
        yield people
