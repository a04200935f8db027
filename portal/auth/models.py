"""Accounts linked to the organisation's OpenID Connect provider (see oidc.py)."""

import peewee as pw

from portal.core.accounts.models import Person
from portal.platform.database import BaseModel


class SignInLink(BaseModel):
    """This provider identity signs in as this person: linked once with the person's own
    password, by issuer and subject (an e-mail claim could be anyone's after a rename)."""

    issuer = pw.CharField()
    subject = pw.CharField()
    person = pw.ForeignKeyField(Person, on_delete="CASCADE", backref="+")
    linked_on = pw.DateField()  # a day, no finer

    class Meta:
        table_name = "sign_in_link"
        indexes = ((("issuer", "subject"), True), (("issuer", "person"), True))
