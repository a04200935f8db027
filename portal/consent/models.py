"""Consents and the summaries shared under them."""

import peewee as pw

from portal.core.accounts.models import Person
from portal.platform.database import BaseModel
from portal.reports.models import Report


class Consent(BaseModel):
    report = pw.ForeignKeyField(Report, backref="consents", on_delete="CASCADE")
    scope = pw.CharField()  # share_hr, share_lead, reveal_name
    grantee = pw.ForeignKeyField(Person, backref="consents_received", on_delete="CASCADE")
    granted_on = pw.DateField()
    revoked_on = pw.DateField(null=True)
    # The fingerprint of the grantee's public key when the reporter consented (or confirmed
    # again): a key pair replaced since then receives nothing until the reporter confirms.
    grantee_key = pw.CharField(null=True)


class SharedSummary(BaseModel):
    """What the adviser wrote for the grantee, readable only with the grantee's own key."""

    consent = pw.ForeignKeyField(Consent, unique=True, backref="summaries", on_delete="CASCADE")
    author = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")
    written_on = pw.DateField()
    sealed_key = pw.BlobField()  # a fresh summary key sealed to the grantee
    body = pw.BlobField()


class SummaryVersion(BaseModel):
    """One summary the adviser wrote under a consent, readable by the reporter and the advisers
    (encrypted under the report's data key): the reporter approves its text before it is shared
    (then it is sealed to the grantee as a SharedSummary) or declines it. Every version is kept."""

    consent = pw.ForeignKeyField(Consent, backref="versions", on_delete="CASCADE")
    number = pw.IntegerField()  # 1, 2, ... per consent
    author = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")
    written_on = pw.DateField()
    state = pw.CharField(index=True)  # approval.WAITING, APPROVED, DECLINED, REPLACED
    decided_on = pw.DateField(null=True)
    body = pw.BlobField()

    class Meta:
        indexes = ((("consent", "number"), True),)
