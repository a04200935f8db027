"""Checking an authenticator app set up after a password someone else set: by a second person.

An administrator can give anyone a temporary password. For a person who has no authenticator
app yet (every new adviser until their first sign-in), that alone would let the administrator
sign in, set up their own app and act as the adviser. So an app set up while the password was
one someone else set counts as a second step only once HR or another administrator (never the
person, never whoever set the password) has checked it with its owner in person: the owner
reads the check code of their app off their own screen, and the checker compares it with the
one on theirs. Declined, the app is forgotten and the person's sessions end.

Chosen over a one-time enrolment link: the administrator can change a person's e-mail address
and often runs the mail server, so a link sent by mail is not out of their reach; and the
owner's first key needs someone who meets them anyway.
"""

from portal.core.accounts import keyring, notices, people, sessions
from portal.core.accounts.models import Person, SecondStepEnrolment
from portal.platform.database import db


def waiting_for(person: Person) -> bool:
    return SecondStepEnrolment.select().where(SecondStepEnrolment.person == person).exists()


def waiting() -> list[SecondStepEnrolment]:
    """Every authenticator app waiting to be checked, oldest first."""
    return list(
        SecondStepEnrolment.select().order_by(
            SecondStepEnrolment.requested_on, SecondStepEnrolment.id
        )
    )


def readable_fingerprint(person: Person) -> str | None:
    """Return the check code of the person's authenticator app: digit groups from a hash of its
    secret, read aloud by the owner from their own screen and compared by the checker. (Not their
    key's: no key pair is made while the password is one someone else set; keyring.on_sign_in.)"""
    if not person.totp_secret:
        return None
    return keyring.check_code(b"vertrouwd|second-step|" + person.totp_secret.encode())


def confirm(request_id: int, by: Person) -> SecondStepEnrolment:
    """Let the app count as the person's second step (checked in person); raise
    people.OwnRoleRequest or people.RoleRequestGone as for a role."""
    request = SecondStepEnrolment.get_or_none(SecondStepEnrolment.id == request_id)
    people.check_second_person(request, by)
    with db.atomic():
        Person.update(password_set_by_other=False).where(Person.id == request.person_id).execute()
        request.delete_instance()
        notices.log(request.person, by, "second_step_checked")
    return request


def decline(request_id: int, by: Person) -> None:
    """Forget the app and end the person's sessions: it may not have been theirs."""
    request = SecondStepEnrolment.get_or_none(SecondStepEnrolment.id == request_id)
    if request is None:
        return
    with db.atomic():
        person = request.person
        person.totp_secret, person.totp_last_step = None, 0
        person.save()
        request.delete_instance()
        sessions.end_all(person)
        notices.log(person, by, "second_step_declined")
