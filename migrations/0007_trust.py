"""The trust table against the administrator, a database copy and a stranger (issue 11).

- TOTP secrets are encrypted under a key derived from the app's secret key.
- Drafts record their size and a keyed, daily digest of the address, for the storage caps.
- Follow-up records: a report opened with its receipt code, held half in the cookie, half here.
"""

from peewee import BlobField, CharField, DateField, IntegerField, Model
from playhouse.migrate import migrate


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Person(Base):
        totp_secret = CharField(null=True)

        class Meta:
            table_name = "person"

    _seal_totp_secrets(Person)
    migrate(
        migrator.add_column("report_draft", "size", IntegerField(default=0)),
        migrator.add_column("report_draft", "address_key", CharField(null=True)),
        migrator.add_index("report_draft", ("address_key",), False),
    )

    class FollowUp(Base):
        token_digest = CharField(unique=True)
        opened_on = DateField(index=True)
        sealed = BlobField()

    db.create_tables([FollowUp])


def _seal_totp_secrets(person_model) -> None:
    from portal.accounts.second_factor import SEALED_PREFIX, seal_secret

    rows = person_model.select(person_model.id, person_model.totp_secret).where(
        person_model.totp_secret.is_null(False)
    )
    for row in list(rows):
        if not row.totp_secret.startswith(SEALED_PREFIX):
            person_model.update(totp_secret=seal_secret(row.totp_secret)).where(
                person_model.id == row.id
            ).execute()
