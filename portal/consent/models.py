"""Consents and the summaries shared under them."""

from peewee import BlobField, CharField, DateField, ForeignKeyField

from portal.accounts.models import Person
from portal.database import BaseModel
from portal.reports.models import Report


class Consent(BaseModel):
    report = ForeignKeyField(Report, backref="consents", on_delete="CASCADE")
    scope = CharField()  # share_hr, share_lead, reveal_name
    grantee = ForeignKeyField(Person, backref="consents_received", on_delete="CASCADE")
    granted_on = DateField()
    revoked_on = DateField(null=True)
    # The fingerprint of the grantee's public key when the reporter consented (or confirmed
    # again): a key pair replaced since then receives nothing until the reporter confirms.
    grantee_key = CharField(null=True)


class SharedSummary(BaseModel):
    """What the adviser wrote for the grantee, readable only with the grantee's own key."""

    consent = ForeignKeyField(Consent, unique=True, backref="summaries", on_delete="CASCADE")
    author = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    written_on = DateField()
    sealed_key = BlobField()  # a fresh summary key sealed to the grantee
    body = BlobField()
