"""Aftercare cases and what hangs off them. Content lives only in encrypted blob columns.

Plain columns hold what HR's overview and the reminders need (status, step states, dates);
the employee is named only inside the encrypted body, and their sealed key row carries no
person: no plain row ties a person to the case they are the subject of.
"""

import peewee as pw

from portal.core.accounts.models import Person
from portal.core.bilingual import TextVersion
from portal.platform.clock import utcnow
from portal.platform.database import BaseModel, SentReminder


class Case(BaseModel):
    uid = pw.CharField(unique=True)  # random; bound into every ciphertext's associated data
    reference = pw.CharField(unique=True)  # shown to people; says nothing about the content
    status = pw.CharField(index=True, default="open")  # open, closed
    opened_on = pw.DateField(index=True)
    closed_on = pw.DateField(null=True)
    outcome = pw.CharField(null=True)  # a code, never text
    body = pw.BlobField()  # encrypted JSON: the employee (id, name), who opened it
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        table_name = "aftercare_case"


class CaseMember(BaseModel):
    """The case's data key sealed to one person on it.

    Lead and HR rows name the person; the employee's row does not (person is null): the
    employee finds it by opening the sealed keys of the "employee" rows with their own key.
    A lead or HR row records the fingerprint of the key it was sealed to, so that a replaced
    key pair is noticed and never trusted silently; the employee's fingerprint would name them,
    so it is kept inside the case's encrypted body instead.
    """

    case = pw.ForeignKeyField(Case, backref="members", on_delete="CASCADE")
    person = pw.ForeignKeyField(Person, null=True, backref="aftercare_keys", on_delete="CASCADE")
    role = pw.CharField()  # employee, lead, hr
    sealed_key = pw.BlobField()
    added_on = pw.DateField()
    key_fingerprint = pw.CharField(null=True)  # lead and HR rows only; empty: unknown, so changed

    class Meta:
        table_name = "aftercare_member"
        indexes = ((("case", "person"), False), (("role",), False))


class CaseStep(BaseModel):
    """One of the seven steps: who does it, how far it is, and its dates."""

    case = pw.ForeignKeyField(Case, backref="steps", on_delete="CASCADE")
    number = pw.IntegerField()  # 1..7, in the protocol's order
    owner = pw.CharField()  # employee, lead, hr, organisation
    status = pw.CharField(default="todo")  # todo, doing, done, skipped
    due_on = pw.DateField(null=True)
    done_on = pw.DateField(null=True)
    # Dates the clocks run from (platform notice and decision; the day the employee learned
    # of it, for the police), kept plain like a report's deadlines.
    started_on = pw.DateField(null=True)
    decided_on = pw.DateField(null=True)
    removed = pw.BooleanField(null=True)  # the platform removed the post (step 4)
    complaint_offence = pw.BooleanField(default=False)  # step 6: needs the victim's complaint
    note = pw.BlobField(null=True)  # encrypted
    details = pw.BlobField(null=True)  # encrypted JSON: notice or police report details

    class Meta:
        table_name = "aftercare_step"
        indexes = ((("case", "number"), True),)


class EvidenceItem(BaseModel):
    case = pw.ForeignKeyField(Case, backref="evidence", on_delete="CASCADE")
    added_on = pw.DateField()
    still_online = pw.BooleanField(null=True)
    checked_on = pw.DateField(null=True)
    body = pw.BlobField()  # encrypted JSON: platform, address, handle, account, others, seen, by

    class Meta:
        table_name = "aftercare_evidence"


class EvidenceFile(BaseModel):
    item = pw.ForeignKeyField(EvidenceItem, backref="files", on_delete="CASCADE")
    uploaded_on = pw.DateField()
    size = pw.IntegerField()
    meta = pw.BlobField()  # encrypted JSON: file name, type, SHA-256, re-encoded or not
    content = pw.BlobField()

    class Meta:
        table_name = "aftercare_file"


class CheckIn(BaseModel):
    """A planned conversation with the employee: first within 72 hours, then later ones."""

    case = pw.ForeignKeyField(Case, backref="checkins", on_delete="CASCADE")
    kind = pw.CharField()  # first, two_weeks, six_weeks
    due_on = pw.DateField()
    latest_on = pw.DateField()  # after this day it is overdue
    done_on = pw.DateField(null=True)
    body = pw.BlobField(null=True)  # encrypted JSON: how they are doing, help needed
    employee_words = pw.BlobField(null=True)  # encrypted: what the employee wrote themselves

    class Meta:
        table_name = "aftercare_checkin"
        indexes = ((("case", "kind"), True),)


class CaseRequest(BaseModel):
    """An employee's request for aftercare, to one lead or HR person, until they accept it.

    The addressee is named (they act on it); the employee only inside what is sealed to the
    addressee, and in a second sealed copy they can open themselves.
    """

    addressee = pw.ForeignKeyField(Person, backref="aftercare_requests", on_delete="CASCADE")
    status = pw.CharField(default="pending")  # pending, declined
    asked_on = pw.DateField()
    for_addressee = pw.BlobField()  # sealed to the addressee: who asks
    for_employee = pw.BlobField()  # sealed to the employee: whom they asked

    class Meta:
        table_name = "aftercare_request"


class CaseReminder(BaseModel, SentReminder):
    """A reminder that went out to the lead, so each is sent once."""

    case = pw.ForeignKeyField(Case, backref="reminders", on_delete="CASCADE")

    class Meta:
        table_name = "aftercare_reminder"
        indexes = ((("case", "kind", "due_on"), True),)


class PolicyVersion(BaseModel, TextVersion):
    """One saved text of an HR-kept page (the policy, the conduct agreements) in one language."""

    page = pw.CharField()  # policy, conduct
    body = pw.TextField()  # Markdown; for everyone in the organisation, so not encrypted

    class Meta:
        table_name = "aftercare_page_version"
        indexes = ((("page", "locale"), False),)


class PolicyContact(BaseModel):
    """A named contact of the policy "who does what" (the HR contact, the company doctor, the
    lawyer, the police liaison) and how to reach them. For everyone in the organisation to read,
    so plain; the function and the hours in Dutch and English (either may be empty: the page
    shows the other)."""

    name = pw.CharField()
    function_nl = pw.CharField(default="")
    function_en = pw.CharField(default="")
    phone = pw.CharField(default="")
    email = pw.CharField(default="")
    hours_nl = pw.CharField(default="")
    hours_en = pw.CharField(default="")

    class Meta:
        table_name = "aftercare_policy_contact"


class PolicyStep(BaseModel):
    """The policy's rule for one of the seven steps: whose task it is, and whom to reach.
    A new case takes its step owners from here (cases.open_case)."""

    number = pw.IntegerField(unique=True)  # 1..7, protocol.STEPS
    owner = pw.CharField()  # employee, lead, hr, organisation
    contact = pw.ForeignKeyField(PolicyContact, null=True, backref="steps", on_delete="SET NULL")

    class Meta:
        table_name = "aftercare_policy_step"


class Announcement(BaseModel):
    """HR telling all staff that the policy or the conduct agreements are new or changed.

    `opened` counts the people who opened it, nobody named (see AnnouncementReader)."""

    page = pw.CharField()  # policy, conduct
    announced_on = pw.DateField()
    note_nl = pw.TextField(default="")
    note_en = pw.TextField(default="")
    author = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL", backref="+")
    opened = pw.IntegerField(default=0)

    class Meta:
        table_name = "aftercare_announcement"


class AnnouncementReader(BaseModel):
    """Per person, the newest announcement of each page they opened: no more.

    Why a row per person at all: "shown until you open it" must hold on every device the person
    signs in on, so the server has to know it; anything the server can tell, whoever holds the
    database can tell too. So the row keeps the least: two numbers, no time, no history of
    openings, one row per person updated in place. Its key is the person (no row id of its
    own), and the rows are made for everyone at once when an announcement is made, so neither
    the id nor the order of the rows tells when (or in which order) people opened anything.
    No page shows these rows; HR sees the count on the announcement only."""

    person = pw.ForeignKeyField(Person, primary_key=True, on_delete="CASCADE", backref="+")
    policy_seen = pw.IntegerField(null=True)  # the id of the newest policy announcement opened
    conduct_seen = pw.IntegerField(null=True)

    class Meta:
        table_name = "aftercare_announcement_reader"


class OrganisationLogo(BaseModel):
    """The organisation's logo for the posters and the flyer: re-drawn PNG or JPEG, no metadata.
    Only the newest row is used; an upload replaces the row."""

    content = pw.BlobField()
    mime = pw.CharField()  # image/png, image/jpeg (after re-drawing)
    width = pw.IntegerField()
    height = pw.IntegerField()
    uploaded_on = pw.DateField()
    author = pw.ForeignKeyField(Person, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        table_name = "organisation_logo"
