"""Reports and what hangs off them. Content lives only in encrypted blob columns."""

import peewee as pw

from portal.core.accounts.models import Person
from portal.platform.database import BaseModel, EnumField, SentReminder
from portal.reports.status import Outcome, Status


class Report(BaseModel):
    uid = pw.CharField(unique=True)  # random; bound into every ciphertext's associated data
    reference = pw.CharField(unique=True)  # shown to people; says nothing about the content
    # Triage metadata, in plain columns by design (DESIGN.md): no content.
    track = pw.CharField(index=True)
    category = pw.CharField(index=True)
    mode = pw.CharField()
    status = EnumField(Status, index=True)
    # A day, never a time: the reporter's path keeps no clock.
    received_on = pw.DateField(index=True)
    acknowledged_on = pw.DateField(null=True)
    closed_on = pw.DateField(null=True)
    receipt_lookup = pw.CharField(unique=True)
    receipt_salt = pw.BlobField()
    receipt_wrapped_key = pw.BlobField()
    kdf_ops = pw.IntegerField()
    kdf_mem = pw.IntegerField()
    body = pw.BlobField()  # encrypted JSON: incidents, wishes, exclusions
    identity = pw.BlobField(null=True)  # encrypted JSON: who reported (confidential, named)
    contact = pw.BlobField(null=True)  # encrypted JSON: how contact goes (reports/contact.py)
    outcome = EnumField(Outcome, null=True)
    first_contact_on = pw.DateField(null=True)  # the first message from an adviser
    last_message_from = pw.CharField(null=True)  # "reporter" means an adviser's reply is awaited
    last_message_on = pw.DateField(null=True)
    # Deadlines, kept as columns so the inbox can filter and sort on them.
    ack_due_on = pw.DateField(null=True)  # integrity: acknowledge within 7 days
    feedback_due_on = pw.DateField(null=True)  # integrity: feedback 3 months after acknowledging
    contact_due_on = pw.DateField(null=True)  # unwanted behaviour: first-contact target
    oral = pw.BooleanField(default=False)  # written down by an adviser on the reporter's behalf
    reporter_confirmed_on = pw.DateField(null=True)  # the reporter read and confirmed it
    content_deleted_on = pw.DateField(null=True)  # retention: only the register entry is left
    source = pw.CharField(null=True)  # who the behaviour came from (insights.consultations.SOURCES)
    several_forms = pw.BooleanField(default=False)  # the report touches more than one form
    incident_pattern = pw.CharField(null=True)  # "one" incident or a "pattern" (the adviser's mark)
    # When a crime may be involved, which case the adviser recorded (kinds.BREACHES): a code;
    # the reason is an encrypted message to the reporter.
    confidentiality_breach = pw.CharField(null=True)
    # "conversation": a request for a conversation or a question (reports/conversation.py),
    # never counted as a report; cleared when its minutes become an oral report.
    request = pw.CharField(null=True)

    class Meta:
        indexes = (
            (("status", "received_on"), False),  # the inbox: open reports, newest first
            # The yearly report's integrity clock, summed from the report rows (0010).
            (
                (
                    "track",
                    "received_on",
                    "acknowledged_on",
                    "ack_due_on",
                    "closed_on",
                    "feedback_due_on",
                ),
                False,
            ),
        )


class ReportKey(BaseModel):
    """The report's data key sealed to one adviser with access."""

    report = pw.ForeignKeyField(Report, backref="keys", on_delete="CASCADE")
    person = pw.ForeignKeyField(Person, backref="report_keys", on_delete="CASCADE")
    role = pw.CharField()  # "adviser" (a reporter's own keys live in MyReports, under their key)
    sealed_key = pw.BlobField()
    # A reporter's address for a notice without content, sealed to this adviser alone.
    notice = pw.BlobField(null=True)

    class Meta:
        indexes = ((("report", "person"), True), (("person", "role"), False))


class Message(BaseModel):
    report = pw.ForeignKeyField(Report, backref="messages", on_delete="CASCADE")
    sender = pw.CharField()  # "reporter", "adviser" or "system"
    adviser = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")
    sent_on = pw.DateField()
    body = pw.BlobField()


class Attachment(BaseModel):
    report = pw.ForeignKeyField(Report, backref="attachments", on_delete="CASCADE")
    message = pw.ForeignKeyField(Message, null=True, backref="attachments", on_delete="CASCADE")
    sender = pw.CharField()
    uploaded_on = pw.DateField()
    size = pw.IntegerField()
    meta = pw.BlobField()  # encrypted JSON: file name, type, SHA-256, re-encoded or not
    content = pw.BlobField()


class Note(BaseModel):
    """A note for the adviser alone: never shown to the reporter, encrypted like the report."""

    report = pw.ForeignKeyField(Report, backref="notes", on_delete="CASCADE")
    adviser = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL")
    created_at = pw.DateTimeField()
    body = pw.BlobField()


class ReminderSent(BaseModel, SentReminder):
    """A deadline reminder that went out, so each is sent once."""

    report = pw.ForeignKeyField(Report, backref="reminders", on_delete="CASCADE")

    class Meta:
        indexes = ((("report", "kind", "due_on"), True),)


class MessageTemplate(BaseModel):
    """An adviser's own wording for a standard message, such as the acknowledgement."""

    person = pw.ForeignKeyField(Person, backref="message_templates", on_delete="CASCADE")
    kind = pw.CharField()
    text = pw.TextField()

    class Meta:
        indexes = ((("person", "kind"), True),)


class ReportDraft(BaseModel):
    """A report being written, encrypted under a key that only the reporter's browser holds."""

    token_digest = pw.CharField(unique=True)
    # Always a midnight: the reporter's path keeps no clock.
    expires_at = pw.DateTimeField(index=True)
    content = pw.BlobField()
    size = pw.IntegerField(default=0)  # bytes of content, for the storage caps
    address_key = pw.CharField(null=True, index=True)  # keyed digest of the address, rotates daily


class MyReports(BaseModel):
    """One person's "My reports": which reports they filed, with their data keys.

    Found by a tag that only the person's unlocked private key can compute, and encrypted under
    a key derived from it: no column says whose list it is, or which reports it names.
    """

    tag = pw.CharField(unique=True)
    body = pw.BlobField()


class MyReportsInbox(BaseModel):
    """Reports to add to a person's list at their next sign-in (left by migration 0007).

    Each row is sealed to the person's public key; it says that they have something to pick
    up, never which report. The rows are removed as soon as the person signs in.
    """

    person = pw.ForeignKeyField(Person, on_delete="CASCADE")
    sealed = pw.BlobField()
