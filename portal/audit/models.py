"""The append-only access log table. It names reports by uid, so it outlives their deletion."""

from peewee import CharField, DateTimeField, IntegerField

from portal.database import BaseModel


class AccessLog(BaseModel):
    report_uid = CharField(index=True)
    reference = CharField()
    person_id = IntegerField(null=True)  # no foreign key: the log must not change when people do
    action = CharField()
    detail = CharField(default="")  # a code such as a status or outcome; never content
    at = DateTimeField()
    prev_hash = CharField()
    hash = CharField()
