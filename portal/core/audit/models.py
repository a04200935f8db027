"""The append-only access log table. It names reports by uid, so it outlives their deletion."""

import peewee as pw

from portal.platform.database import BaseModel


class AccessLog(BaseModel):
    report_uid = pw.CharField(index=True)
    reference = pw.CharField()
    person_id = pw.IntegerField(null=True)  # no foreign key: the log must not change when people do
    action = pw.CharField()
    detail = pw.CharField(default="")  # a code such as a status or outcome; never content
    at = pw.DateTimeField()
    prev_hash = pw.CharField()
    hash = pw.CharField()
