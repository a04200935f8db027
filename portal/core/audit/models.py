"""The append-only access logs. They name reports by uid, so they outlive their deletion."""

import peewee as pw

from portal.platform.database import BaseModel


class LogColumns(pw.Model):
    """The columns of a log entry, bound to no database: the two logs below inherit them."""

    report_uid = pw.CharField(index=True)
    reference = pw.CharField()
    person_id = pw.IntegerField(null=True)  # no foreign key: the log must not change when people do
    action = pw.CharField()
    detail = pw.CharField(default="")  # a code such as a status or outcome; never content
    at = pw.DateTimeField()
    prev_hash = pw.CharField()
    hash = pw.CharField()


class AccessLog(BaseModel, LogColumns):
    """What staff did, to the microsecond."""


class DayLog(BaseModel, LogColumns):
    """What happened on the reporter's and the record's path, kept by the day (`at` is midnight).

    A table, id sequence and hash chain of its own: in the access log, an entry stamped with a
    day would take its id, and its place in the chain, between entries stamped to the
    microsecond, and so give away the minute it was written.
    """
