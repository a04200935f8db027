"""Reports and what hangs off them. Content lives only in encrypted blob columns."""

from peewee import BlobField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField

from portal.accounts.models import Person
from portal.database import BaseModel


class Report(BaseModel):
    uid = CharField(unique=True)  # random; bound into every ciphertext's associated data
    reference = CharField(unique=True)  # shown to people; says nothing about the content
    # Triage metadata, in plain columns by design (DESIGN.md): no content.
    track = CharField(index=True)
    category = CharField(index=True)
    mode = CharField()
    status = CharField(index=True)
    received_on = DateField(index=True)  # a day, never a time: the reporter's path keeps no clock
    acknowledged_on = DateField(null=True)
    closed_on = DateField(null=True)
    reporter = ForeignKeyField(Person, null=True, backref="reports", on_delete="SET NULL")
    receipt_lookup = CharField(unique=True)
    receipt_salt = BlobField()
    receipt_wrapped_key = BlobField()
    kdf_ops = IntegerField()
    kdf_mem = IntegerField()
    body = BlobField()  # encrypted JSON: incidents, wishes, exclusions
    identity = BlobField(null=True)  # encrypted JSON: who reported (confidential, named)


class ReportKey(BaseModel):
    """The report's data key sealed to one person with access (adviser or signed-in reporter)."""

    report = ForeignKeyField(Report, backref="keys", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="report_keys", on_delete="CASCADE")
    role = CharField()  # "adviser" or "reporter"
    sealed_key = BlobField()

    class Meta:
        indexes = ((("report", "person"), True), (("person", "role"), False))


class Message(BaseModel):
    report = ForeignKeyField(Report, backref="messages", on_delete="CASCADE")
    sender = CharField()  # "reporter", "adviser" or "system"
    adviser = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    sent_on = DateField()
    body = BlobField()


class Attachment(BaseModel):
    report = ForeignKeyField(Report, backref="attachments", on_delete="CASCADE")
    message = ForeignKeyField(Message, null=True, backref="attachments", on_delete="CASCADE")
    sender = CharField()
    uploaded_on = DateField()
    size = IntegerField()
    meta = BlobField()  # encrypted JSON: file name, type, SHA-256, re-encoded or not
    content = BlobField()


class ReportEvent(BaseModel):
    """Who opened or changed a report, and when (shown to the reporter)."""

    report = ForeignKeyField(Report, backref="events", on_delete="CASCADE")
    person = ForeignKeyField(Person, null=True, on_delete="SET NULL")
    action = CharField()
    at = DateTimeField()


class ReportDraft(BaseModel):
    """A report being written, encrypted under a key that only the reporter's browser holds."""

    token_digest = CharField(unique=True)
    expires_at = DateTimeField(index=True)
    content = BlobField()
