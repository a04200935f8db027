"""Domain functions for people: sign-in, passwords, roles, teams, second factor."""

from collections.abc import Iterable
from datetime import timedelta

from flask import current_app
from peewee import JOIN

from portal.core.accounts import keyring, notices, passwords, second_factor, sessions
from portal.core.accounts.models import Person, PersonRole, RoleRequest, SecondStepEnrolment
from portal.core.accounts.roles import Role
from portal.platform import throttle
from portal.platform.clock import utcnow
from portal.platform.database import db


class AccountError(Exception):
    """A request about an account that cannot be carried out."""


class SignInFailed(AccountError):
    """Unknown e-mail address, wrong password or inactive account: deliberately one case."""


class WeakPassword(AccountError):
    """The new password does not meet the rules."""


class WrongPassword(AccountError):
    """The current password given was not right."""


class EmailTaken(AccountError):
    """Another person already signs in with this e-mail address."""


class WrongCode(AccountError):
    """The second-factor code was not valid."""


class CodeJustUsed(AccountError):
    """The second-factor code is right but was used already: the next one is needed."""


class SecondStepUnchecked(AccountError):
    """The authenticator app was set up after a password someone else set: a second person
    has not yet checked it with its owner (step_enrolments.py)."""


class LastAdministrator(AccountError):
    """The change would leave no active administrator to manage accounts."""


class OwnRoleRequest(AccountError):
    """Nobody confirms a role of their own, or one they asked for themselves."""


class RoleRequestGone(AccountError):
    """The role request was confirmed or dropped already."""


def _other_active_admins(person: Person) -> int:
    return (
        Person.select()
        .join(PersonRole)
        .where(
            (PersonRole.role == Role.ADMIN.value)
            & (Person.active == True)
            & (Person.id != person.id)
        )
        .count()
    )


def normalise_email(email: str) -> str:
    return email.strip().lower()


def sign_in_limits(email: str, address: str) -> list[throttle.Limit]:
    """Return the throttling limits for a sign-in.

    Refused: an account from one (daily-hashed) address, and one address across accounts. The
    account's own counter, which a stranger can drive up from anywhere, only slows sign-ins
    down, so nobody can lock a person out of their account.
    """
    config = current_app.config
    window = timedelta(minutes=config["SIGNIN_WINDOW_MINUTES"])
    secret = config["SECRET_KEY"]
    today = utcnow().date()
    account = normalise_email(email)
    return [
        throttle.Limit(
            throttle.digest_key("signin-account-address", secret, f"{account}|{address}", today),
            config["SIGNIN_MAX_FAILURES"],
            window,
        ),
        throttle.Limit(
            throttle.digest_key("signin-address", secret, address, today),
            config["SIGNIN_MAX_FAILURES_PER_ADDRESS"],
            window,
        ),
        throttle.Limit(
            throttle.digest_key("signin-account", secret, account),
            config["SIGNIN_SLOW_AFTER_FAILURES"],
            window,
            delay=config["SIGNIN_SLOWDOWN_SECONDS"],
        ),
    ]


def authenticate(email: str, password: str, address: str) -> Person:
    """Return the person for these credentials; raise SignInFailed or throttle.Throttled."""
    limits = sign_in_limits(email, address)
    throttle.check(limits)
    person = Person.get_or_none(Person.email == normalise_email(email))
    ok = passwords.verify_password(person.password_hash if person else None, password)
    if not ok or person is None or not person.active:
        throttle.record_failure(limits)
        raise SignInFailed()
    throttle.reset(limits[0])
    throttle.reset(limits[2])
    if passwords.needs_rehash(person.password_hash):
        person.password_hash = passwords.hash_password(password)
        person.save()
    return person


def check_password_rules(password: str, person_email: str = "") -> None:
    """Raise WeakPassword when a new password is too short or too obvious."""
    if len(password) < passwords.MIN_PASSWORD_LENGTH:
        raise WeakPassword("too_short")
    name = person_email.split("@")[0].lower()
    if len(name) >= 4 and name in password.lower():
        raise WeakPassword("contains_name")


def change_password(person: Person, current: str, new: str) -> keyring.Unlocked:
    """Replace the person's password after checking the current one and the rules; return the
    private key when the change made the person's key pair (see keyring.on_own_password)."""
    if not passwords.verify_password(person.password_hash, current):
        raise WrongPassword()
    check_password_rules(new, person.email)
    with db.atomic():
        was_temporary = person.must_change_password
        person.password_hash = passwords.hash_password(new)
        person.must_change_password = False
        # password_set_by keeps who set a password last before them: a second person checks
        # their second step (step_enrolments.py) and their key (aftercare) knowing it.
        person.password_set_on = utcnow().date()
        person.save()
        return keyring.on_own_password(person, current, new, was_temporary)


def create_person(
    email: str,
    display_name: str,
    password: str | None,
    roles: Iterable[Role] = (Role.EMPLOYEE,),
    must_change_password: bool = True,
    by: Person | None = None,
) -> Person:
    """Create a person with roles; the password is checked against the rules."""
    email = normalise_email(email)
    if Person.select().where(Person.email == email).exists():
        raise EmailTaken()
    if password is not None:
        check_password_rules(password, email)
    with db.atomic():
        person = Person.create(
            email=email,
            display_name=display_name.strip(),
            password_hash=passwords.hash_password(password) if password else None,
            must_change_password=must_change_password and password is not None,
            password_set_on=utcnow().date() if password else None,
            password_set_by=by if password else None,
            password_set_by_other=by is not None and password is not None,
        )
        set_roles(person, roles, by=by)
    return person


def update_person(person: Person, email: str, display_name: str) -> None:
    """Change a person's e-mail address and name."""
    email = normalise_email(email)
    taken = Person.select().where((Person.email == email) & (Person.id != person.id)).exists()
    if taken:
        raise EmailTaken()
    person.email, person.display_name = email, display_name.strip()
    person.save()


# Every role that reads something about people (what reporters share, aftercare cases and
# requests, the yearly report), and the administrator role (else one administrator could make a
# second account to confirm their own requests): given by someone, they wait for a second person.
NEEDS_SECOND_PERSON = frozenset(
    {Role.ADVISER, Role.HR, Role.ADMIN, Role.MANAGEMENT, Role.TEAM_LEAD}
)
CONFIRMERS = (Role.HR, Role.ADMIN)


def set_roles(person: Person, roles: Iterable[Role], by: Person | None = None) -> None:
    """Give the person exactly these roles; a change made by someone else is told to them.

    Given by someone (an administrator), every role but employee only takes effect once a
    second person confirms it (see confirm_role). Without `by` (installing,
    `portal user create`, the demo) they take effect at once.
    """
    wanted = {Role(r) for r in roles}
    if Role.ADMIN in person.roles and Role.ADMIN not in wanted and not _other_active_admins(person):
        raise LastAdministrator()
    held = set(person.roles)
    waiting = (wanted - held) & NEEDS_SECOND_PERSON if by is not None else set()
    effective = wanted - waiting
    with db.atomic():
        PersonRole.delete().where(PersonRole.person == person).execute()
        PersonRole.insert_many(
            [{"person": person, "role": r.value} for r in sorted(effective)]
        ).execute()
        RoleRequest.delete().where(
            (RoleRequest.person == person) & RoleRequest.role.not_in([r.value for r in waiting])
        ).execute()
        for role in waiting:
            if not pending_roles(person) & {role}:
                RoleRequest.create(
                    person=person, role=role.value, requested_by=by, requested_on=utcnow().date()
                )
        if effective != held and by is not None and held:  # not for a person just created
            notices.record(person, "roles_changed", by)
    person._roles = frozenset(effective)


def pending_roles(person: Person) -> set[Role]:
    """Return the roles given to the person that still wait for a second person."""
    return {Role(r.role) for r in RoleRequest.select().where(RoleRequest.person == person)}


def role_requests() -> list[RoleRequest]:
    """Return every role waiting for confirmation, oldest first, with the person concerned and
    whoever asked (one query, however many wait)."""
    return list(with_people(RoleRequest).order_by(RoleRequest.requested_on, RoleRequest.id))


def with_people(model):
    """Select a waiting request (a role, a second-step reset) joined with its person and asker."""
    asker = Person.alias()
    return (
        model.select(model, Person, asker)
        .join(Person, on=(model.person == Person.id), attr="person")
        .switch(model)
        .join(asker, JOIN.LEFT_OUTER, on=(model.requested_by == asker.id), attr="requested_by")
    )


def check_second_person(request: RoleRequest | None, by: Person) -> None:
    """Raise unless `by` may confirm this request: someone who may confirm (HR or an
    administrator), neither the person concerned nor whoever asked for it."""
    if request is None:
        raise RoleRequestGone()
    if by.id in (request.person_id, request.requested_by_id) or not by.has_role(*CONFIRMERS):
        raise OwnRoleRequest()


def confirm_role(request_id: int, by: Person) -> RoleRequest:
    """Let the role take effect; nobody confirms a role of their own or one they asked for."""
    request = RoleRequest.get_or_none(RoleRequest.id == request_id)
    check_second_person(request, by)
    person = request.person
    with db.atomic():
        PersonRole.insert(person=person, role=request.role).on_conflict_ignore().execute()
        request.delete_instance()
        notices.record(person, "roles_changed", by)
    person._roles = None
    return request


def decline_role(request_id: int, by: Person) -> None:
    """Drop a role request (anyone who may confirm may decline, also their own)."""
    RoleRequest.delete().where(RoleRequest.id == request_id).execute()


def reset_password(person: Person, temporary: str, by: Person | None = None) -> None:
    """Set a temporary password that must be changed at the next sign-in; end all sessions."""
    check_password_rules(temporary, person.email)
    with db.atomic():
        person.password_hash = passwords.hash_password(temporary)
        person.must_change_password = True
        person.password_set_on = utcnow().date()
        person.password_set_by, person.password_set_by_other = by, by is not None
        person.save()
        sessions.end_all(person)
        notices.record(person, "password_reset", by)


def set_active(person: Person, active: bool) -> None:
    """Deactivate (ending every session) or reactivate a person."""
    if not active and Role.ADMIN in person.roles and not _other_active_admins(person):
        raise LastAdministrator()
    with db.atomic():
        person.active = active
        person.save()
        if not active:
            sessions.end_all(person)


def reset_second_factor(person: Person, by: Person | None = None) -> None:
    """Forget the person's authenticator so they enrol again at the next sign-in."""
    with db.atomic():
        person.totp_secret, person.totp_last_step = None, 0
        person.save()
        SecondStepEnrolment.delete().where(SecondStepEnrolment.person == person).execute()
        sessions.end_all(person)
        notices.record(person, "second_factor_reset", by)


def second_step_limits(person: Person) -> list[throttle.Limit]:
    """Wrong second-step codes are limited per account (only reachable with the password)."""
    config = current_app.config
    return [
        throttle.Limit(
            throttle.digest_key("second-step", config["SECRET_KEY"], str(person.id)),
            config["SECOND_STEP_MAX_FAILURES"],
            timedelta(minutes=config["SIGNIN_WINDOW_MINUTES"]),
        )
    ]


def enrol_second_factor(person: Person, secret: str, code: str) -> None:
    """Keep a new TOTP secret once the person proves their app produces its codes.

    After a password someone else set, the app waits for a second person's check in person
    (step_enrolments.py): then the app is kept and SecondStepUnchecked raised. Raise WrongCode,
    or throttle.Throttled after too many wrong codes.
    """
    limits = second_step_limits(person)
    throttle.check(limits)
    step = second_factor.matching_step(secret, code, last_step=0)
    if step is None:
        throttle.record_failure(limits)
        raise WrongCode()
    throttle.reset(limits[0])
    with db.atomic():
        person.totp_secret, person.totp_last_step = secret, step
        person.save()
        if person.password_set_by_other:
            SecondStepEnrolment.insert(
                person=person, requested_by=person.password_set_by_id, requested_on=utcnow().date()
            ).on_conflict_ignore().execute()
    if person.password_set_by_other:
        raise SecondStepUnchecked()  # kept, but not yet a second step


def verify_second_factor(person: Person, code: str) -> None:
    """Accept a code from the person's authenticator once.

    Raise SecondStepUnchecked while a second person has not checked the app, WrongCode,
    CodeJustUsed (a right code already used: it does not count as wrong), or
    throttle.Throttled after too many wrong codes (even for a right one).
    """
    if SecondStepEnrolment.select().where(SecondStepEnrolment.person == person).exists():
        raise SecondStepUnchecked()
    limits = second_step_limits(person)
    throttle.check(limits)
    secret = person.totp_secret or ""
    step = second_factor.matching_step(secret, code, person.totp_last_step)
    if step is None or not secret:
        if secret and second_factor.just_used(secret, code, person.totp_last_step):
            raise CodeJustUsed()  # a right code typed twice: not a guess, so not counted
        throttle.record_failure(limits)
        raise WrongCode()
    throttle.reset(limits[0])
    Person.update(totp_last_step=step).where(Person.id == person.id).execute()
    person.totp_last_step = step
