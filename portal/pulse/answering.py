"""Answering the team's pulse: once a month, without being named.

One answer per person per month, linked to nobody, not even by whoever holds the database and
the secret key:
- A person's token for a month is an HMAC over the month under a key made from their own
  private key, which is open only in their own session (unlocked by their password). The
  database keeps the token, to refuse a second answer that month, in a table that names no
  team, no answer and no time. Without the private key nobody can compute anyone's token, so
  a token cannot be laid beside a name (tests/pulse/test_anonymity.py tries with everything the
  database and the secret key give).
- The answers only raise counters (month, team, question, answer): there is no answer row.
- The request keeps no clock: it leaves the session's activity time alone and writes no log
  entry (it is on the reporter's path, portal/platform/reporter_path.py), so no timestamp
  lies beside a counter's change.
- A person whose key is not open (signed in through the organisation's provider) opens it
  with their password first; a person with no key yet gets one when they first sign in with
  their own password (keyring.on_sign_in), so they answer from then on.
What it cannot prevent: the live server sees who answers what while the request runs, as it
sees every page; a person with two accounts holds two keys and could answer twice.
"""

import hashlib
import hmac
from datetime import date

from peewee import IntegrityError

from portal.core.accounts.models import Person, Team, TeamMember
from portal.platform.database import db
from portal.pulse.models import PulseAnswered, PulseBallot, PulseTally
from portal.pulse.questions import QUESTIONS

TOKEN_CONTEXT = b"vertrouwd|v1|pulse-token"


class PulseError(Exception):
    """An answer that cannot be counted."""


class NotAMember(PulseError):
    """The person does not belong to the team they answer for."""


class AlreadyAnswered(PulseError):
    """This person answered this month already."""


class Incomplete(PulseError):
    """A question has no answer, or an answer outside its scale."""


def month_of(day: date) -> date:
    return day.replace(day=1)


def token(private_key: bytes, month: date) -> str:
    """The person's token for the month: only their private key computes it."""
    key = hmac.new(private_key, TOKEN_CONTEXT, hashlib.sha256).digest()
    return hmac.new(key, month.isoformat().encode(), hashlib.sha256).hexdigest()


def has_answered(private_key: bytes, month: date) -> bool:
    return (
        PulseBallot.select()
        .where((PulseBallot.month == month) & (PulseBallot.token == token(private_key, month)))
        .exists()
    )


def teams_of(person: Person) -> list[Team]:
    """The teams the person belongs to, by name."""
    return list(
        Team.select()
        .join(TeamMember, on=(TeamMember.team == Team.id))
        .where(TeamMember.person == person.id)
        .order_by(Team.name)
    )


def _bump(model, values: dict) -> None:
    """Raise a counter by one, making it when it does not exist yet."""
    conflict = [getattr(model, name) for name in values]
    model.insert(**values, count=1).on_conflict(
        conflict_target=conflict, update={model.count: model.count + 1}
    ).execute()


def answer(person: Person, team_id: int, given: dict[str, int], private_key: bytes, day: date):
    """Count one person's answers for their team this month; raise a PulseError."""
    if team_id not in {team.id for team in teams_of(person)}:
        raise NotAMember()
    if any(given.get(q.key) not in q.scale for q in QUESTIONS):
        raise Incomplete()
    month = month_of(day)
    try:
        with db.atomic():
            PulseBallot.create(month=month, token=token(private_key, month))
            _bump(PulseAnswered, {"month": month, "team": team_id})
            for question in QUESTIONS:
                _bump(
                    PulseTally,
                    {
                        "month": month,
                        "team": team_id,
                        "question": question.key,
                        "answer": given[question.key],
                    },
                )
    except IntegrityError as exc:  # the ballot: this token answered this month
        raise AlreadyAnswered() from exc
