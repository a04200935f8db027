"""The policy that the cases follow (#24 item 3) and the organisation's logo (item 6): each
aftercare step's owner and contact, the named contacts, the announcements to all staff with a
count of who opened them (no names; per person only the newest opened, see
portal/aftercare/models.py AnnouncementReader), and the logo printed on the posters."""

from peewee import (
    BlobField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def up(migrator, db):
    class Person(Model):
        class Meta:
            database = db
            table_name = "person"

    class PolicyContact(Model):
        name = CharField()
        function_nl = CharField(default="")
        function_en = CharField(default="")
        phone = CharField(default="")
        email = CharField(default="")
        hours_nl = CharField(default="")
        hours_en = CharField(default="")

        class Meta:
            database = db
            table_name = "aftercare_policy_contact"

    class PolicyStep(Model):
        number = IntegerField(unique=True)
        owner = CharField()
        contact = ForeignKeyField(PolicyContact, null=True, on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "aftercare_policy_step"

    class Announcement(Model):
        page = CharField()
        announced_on = DateField()
        note_nl = TextField(default="")
        note_en = TextField(default="")
        author = ForeignKeyField(Person, null=True, on_delete="SET NULL")
        opened = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "aftercare_announcement"

    class AnnouncementReader(Model):
        person = ForeignKeyField(Person, primary_key=True, on_delete="CASCADE")
        policy_seen = IntegerField(null=True)
        conduct_seen = IntegerField(null=True)

        class Meta:
            database = db
            table_name = "aftercare_announcement_reader"

    class OrganisationLogo(Model):
        content = BlobField()
        mime = CharField()
        width = IntegerField()
        height = IntegerField()
        uploaded_on = DateField()
        author = ForeignKeyField(Person, null=True, on_delete="SET NULL")

        class Meta:
            database = db
            table_name = "organisation_logo"

    db.create_tables(
        [PolicyContact, PolicyStep, Announcement, AnnouncementReader, OrganisationLogo]
    )
