"""Whoever holds the database and the secret key cannot tell whose a pulse answer is: the
ballot's token comes from the person's own private key, which neither holds. This test plays
that holder: it computes, for every person, every token it could make from what the database
and the secret key give, and finds none that matches a ballot. The person's own private key
does match, so the test can tell."""

import hashlib
import hmac
from datetime import UTC, date, datetime

from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing, Person
from portal.platform import clock, crypto
from portal.pulse import answering
from portal.pulse.models import PulseBallot
from tests.conftest import PASSWORD, TEST_SECRET, make_person, sign_in
from tests.factories import make_team

ANSWERS = {"speak_up": "3", "respect": "4", "mistakes": "1", "where_to_go": "5", "online": "1"}
MONTH = date(2026, 11, 1)


def candidate_secrets(person: Person) -> list[bytes]:
    """Every per-person secret the database and the portal's secret key give."""
    ring = KeyRing.get_or_none(KeyRing.person == person.id)
    found = [
        str(person.id).encode(),
        person.email.encode(),
        (person.password_hash or "").encode(),
        TEST_SECRET.encode(),
        crypto.key_from_secret(TEST_SECRET, "pulse"),
        crypto.key_from_secret(TEST_SECRET, f"pulse|{person.id}"),
    ]
    if ring is not None:  # every stored byte string of the key ring, wrapped keys included
        for field in ring._meta.sorted_fields:
            value = getattr(ring, field.name)
            if isinstance(value, bytes | memoryview):
                found.append(bytes(value))
    return found


def holder_tokens(person: Person) -> set[str]:
    tokens = set()
    for secret in candidate_secrets(person):
        tokens.add(answering.token(secret, MONTH))
        tokens.add(hmac.new(secret, MONTH.isoformat().encode(), hashlib.sha256).hexdigest())
    return tokens


def test_the_holder_of_the_database_and_secret_key_cannot_link_an_answer(app, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 20, 9, tzinfo=UTC))
    people = []
    for n in range(5):
        person = make_person(email=f"p{n}@example.test", name=f"Person {n}")
        client = app.test_client()
        sign_in(client, person.email)
        people.append((person, client))
    team = make_team("Zorgteam Noord", None, [p for p, _ in people])
    for _person, client in people:
        assert client.post("/pulse/", data={**ANSWERS, "team": team.id}).status_code == 302
    ballots = {b.token for b in PulseBallot.select().where(PulseBallot.month == MONTH)}
    assert len(ballots) == 5
    for person, _ in people:
        assert not holder_tokens(person) & ballots, person.email


def test_the_persons_own_key_does_match(app, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 20, 9, tzinfo=UTC))
    person = make_person(email="p@example.test", name="Person")
    team = make_team("Zorgteam Noord", None, [person])
    client = app.test_client()
    sign_in(client, person.email)
    assert client.post("/pulse/", data={**ANSWERS, "team": team.id}).status_code == 302
    private_key = keyring.unlock(KeyRing.get(KeyRing.person == person.id), PASSWORD)
    assert answering.token(private_key, MONTH) == PulseBallot.get().token
