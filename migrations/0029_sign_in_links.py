"""Accounts linked to the organisation's OpenID Connect provider: by the provider's issuer and
subject identifier (never by e-mail), one link per person and provider."""

from peewee import CharField, DateField, ForeignKeyField, Model


def up(migrator, db):
    class Person(Model):
        class Meta:
            database = db
            table_name = "person"

    class SignInLink(Model):
        issuer = CharField()
        subject = CharField()
        person = ForeignKeyField(Person, on_delete="CASCADE")
        linked_on = DateField()

        class Meta:
            database = db
            table_name = "sign_in_link"
            indexes = ((("issuer", "subject"), True), (("issuer", "person"), True))

    db.create_tables([SignInLink])
