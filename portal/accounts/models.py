"""Account tables: people, their roles, teams and server-side session records."""

from peewee import (
    BlobField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from portal.accounts.roles import Role
from portal.accounts.second_factor import SealedSecretField
from portal.clock import utcnow
from portal.database import BaseModel


class Person(BaseModel):
    email = CharField(unique=True)  # the sign-in name, lower case
    display_name = CharField()
    password_hash = CharField(null=True)  # null: signs in through the trusted header only
    must_change_password = BooleanField(default=False)
    totp_secret = SealedSecretField(null=True)  # encrypted under a key from the secret key
    totp_last_step = IntegerField(default=0)  # refuses a code used before (replay)
    locale = CharField(null=True)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)

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
    person = ForeignKeyField(Person, backref="role_rows", on_delete="CASCADE")
    role = CharField()

    class Meta:
        indexes = ((("person", "role"), True),)


class RoleRequest(BaseModel):
    """A role that takes effect only once a second person (HR or an administrator) confirms."""

    person = ForeignKeyField(Person, backref="role_requests", on_delete="CASCADE")
    role = CharField()
    requested_by = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    requested_on = DateField()

    class Meta:
        indexes = ((("person", "role"), True),)


class Team(BaseModel):
    name = CharField(unique=True)
    lead = ForeignKeyField(Person, null=True, backref="led_teams", on_delete="SET NULL")


class TeamMember(BaseModel):
    team = ForeignKeyField(Team, backref="memberships", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="memberships", on_delete="CASCADE")

    class Meta:
        indexes = ((("team", "person"), True),)


class SessionRecord(BaseModel):
    token_digest = CharField(unique=True)  # SHA-256 of the cookie's token; the token is not kept
    person = ForeignKeyField(Person, backref="sessions", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow)
    second_factor_at = DateTimeField(null=True)
    # The person's unlocked private key (and, during adviser enrolment, the recovery key),
    # encrypted under a key derived from the cookie's token: the database alone cannot open it.
    vault = BlobField(null=True)


class KeyRing(BaseModel):
    """A person's Curve25519 key pair; the private key is stored only wrapped."""

    person = ForeignKeyField(Person, unique=True, backref="key_rings", on_delete="CASCADE")
    public_key = BlobField()
    password_salt = BlobField()
    password_wrapped = BlobField()  # private key under Argon2id(password)
    kdf_ops = IntegerField()
    kdf_mem = IntegerField()
    recovery_wrapped = BlobField(null=True)  # private key under the recovery key (advisers)
    recovery_confirmed_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)
    # Set when this key pair replaced an earlier one (a reset without recovery key): whatever
    # was shared with the old key stops until the reporter confirms again.
    replaced_on = DateField(null=True)


class AccountNotice(BaseModel):
    """Something done to a person's account (a reset, a role change), shown at their sign-ins."""

    person = ForeignKeyField(Person, backref="notices", on_delete="CASCADE")
    kind = CharField()  # password_reset, second_factor_reset, roles_changed, key_replaced
    happened_on = DateField()
