"""Account tables: people, their roles, teams and server-side session records."""

import peewee as pw

from portal.core.accounts.roles import Role
from portal.core.accounts.second_factor import SealedSecretField
from portal.platform.clock import today, utcnow
from portal.platform.database import BaseModel


class Person(BaseModel):
    email = pw.CharField(unique=True)  # the sign-in name, lower case
    display_name = pw.CharField()
    password_hash = pw.CharField(null=True)  # null: signs in through the trusted header only
    must_change_password = pw.BooleanField(default=False)
    # The day the password was last set (by anyone), for whoever checks a key with its owner.
    password_set_on = pw.DateField(null=True)
    # Set when someone else (an administrator) set the password: whoever knows it could enrol
    # their own authenticator app, so the next enrolment waits until a second person checks it
    # with the owner in person (step_enrolments.py). Cleared by that check, not by a new password.
    password_set_by_other = pw.BooleanField(default=False)
    password_set_by = pw.ForeignKeyField("self", null=True, backref="+", on_delete="SET NULL")
    totp_secret = SealedSecretField(null=True)  # encrypted under a key from the secret key
    totp_last_step = pw.IntegerField(default=0)  # refuses a code used before (replay)
    locale = pw.CharField(null=True)
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=utcnow)

    # Flask-Login: the id kept in the cookie is the session token, not the person's id,
    # so that revoking the server-side record signs the browser out.
    session_token: str | None = None
    session_record = None
    _roles: frozenset | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.session_record is not None

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str | None:
        return self.session_token

    @property
    def roles(self) -> frozenset[Role]:
        if self._roles is None:
            self._roles = frozenset(
                Role(row.role) for row in PersonRole.select().where(PersonRole.person == self)
            )
        return self._roles

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))


class PersonRole(BaseModel):
    person = pw.ForeignKeyField(Person, backref="role_rows", on_delete="CASCADE")
    role = pw.CharField()

    class Meta:
        indexes = ((("person", "role"), True),)


class RoleRequest(BaseModel):
    """A role that takes effect only once a second person (HR or an administrator) confirms."""

    person = pw.ForeignKeyField(Person, backref="role_requests", on_delete="CASCADE")
    role = pw.CharField()
    requested_by = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")
    requested_on = pw.DateField()

    class Meta:
        indexes = ((("person", "role"), True),)


class SecondStepReset(BaseModel):
    """An administrator's reset of someone's second step, waiting for a second person.

    With the second step reset, whoever holds the password (an administrator who gave a
    temporary one) could sign in as the person: one administrator alone may not do both.
    """

    person = pw.ForeignKeyField(Person, unique=True, backref="+", on_delete="CASCADE")
    requested_by = pw.ForeignKeyField(Person, null=True, backref="+", on_delete="SET NULL")
    requested_on = pw.DateField()


class SecondStepEnrolment(BaseModel):
    """An authenticator app set up after a password someone else set, waiting to be checked.

    Whoever set the password could have signed in and set up their own app: until a second
    person has checked it with the owner in person, it does not count as a second step.
    """

    person = pw.ForeignKeyField(Person, unique=True, backref="+", on_delete="CASCADE")
    requested_by = pw.ForeignKeyField(Person, null=True, backref="+", on_delete="SET NULL")
    requested_on = pw.DateField()


class Team(BaseModel):
    name = pw.CharField(unique=True)
    lead = pw.ForeignKeyField(Person, null=True, backref="led_teams", on_delete="SET NULL")


class TeamChange(BaseModel):
    """A new lead or member of a team, waiting for a second person (see teams.py)."""

    team = pw.ForeignKeyField(Team, backref="+", on_delete="CASCADE")
    person = pw.ForeignKeyField(Person, backref="+", on_delete="CASCADE")
    kind = pw.CharField()  # lead, member
    requested_by = pw.ForeignKeyField(Person, null=True, backref="+", on_delete="SET NULL")
    requested_on = pw.DateField()

    class Meta:
        indexes = ((("team", "person", "kind"), True),)


class TeamMember(BaseModel):
    team = pw.ForeignKeyField(Team, backref="memberships", on_delete="CASCADE")
    person = pw.ForeignKeyField(Person, backref="memberships", on_delete="CASCADE")

    class Meta:
        indexes = ((("team", "person"), True),)


class SessionRecord(BaseModel):
    token_digest = pw.CharField(unique=True)  # SHA-256 of the cookie's token; the token is not kept
    person = pw.ForeignKeyField(Person, backref="sessions", on_delete="CASCADE")
    created_at = pw.DateTimeField(default=utcnow)
    last_seen_at = pw.DateTimeField(default=utcnow)
    second_factor_at = pw.DateTimeField(null=True)
    # The person's unlocked private key (and, during adviser enrolment, the recovery key),
    # encrypted under a key derived from the cookie's token: the database alone cannot open it.
    vault = pw.BlobField(null=True)


class KeyRing(BaseModel):
    """A person's Curve25519 key pair; the private key is stored only wrapped."""

    person = pw.ForeignKeyField(Person, unique=True, backref="key_rings", on_delete="CASCADE")
    public_key = pw.BlobField()
    password_salt = pw.BlobField()
    password_wrapped = pw.BlobField()  # private key under Argon2id(password)
    kdf_ops = pw.IntegerField()
    kdf_mem = pw.IntegerField()
    # The private key under the recovery key; random bytes of the same length while there is
    # none (an employee who keeps no record): every ring looks alike (keyring.py). Always set.
    recovery_wrapped = pw.BlobField(null=True)
    # The replaced key pair's recovery-wrapped private key, set for every replaced ring.
    earlier_recovery_wrapped = pw.BlobField(null=True)
    # keyring.KeyState sealed to public_key, of one size: whether a recovery code is set up
    # and confirmed is for the owner to know, not the database. Always set.
    state = pw.BlobField(null=True)
    created_on = pw.DateField(null=True, default=today)  # a day: nothing finer about a key
    # Set when this key pair replaced an earlier one (a reset without recovery key): whatever
    # was shared with the old key stops until the reporter confirms again.
    replaced_on = pw.DateField(null=True)


class AccountNotice(BaseModel):
    """Something done to a person's account (a reset, a role change), shown at their sign-ins."""

    person = pw.ForeignKeyField(Person, backref="notices", on_delete="CASCADE")
    kind = pw.CharField()  # password_reset, second_factor_reset, roles_changed, key_replaced
    happened_on = pw.DateField()
