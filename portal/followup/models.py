"""Follow-up records: a report opened with its receipt code, held for one browser."""

import peewee as pw

from portal.platform.database import BaseModel


class FollowUp(BaseModel):
    """The other half of what the browser's cookie holds; neither half alone opens a report.

    No column names the report or an exact time: both sit inside `sealed`, encrypted under a
    key derived from the cookie's token. The day is kept in plain, so old records can be purged.
    """

    token_digest = pw.CharField(unique=True)  # SHA-256 of the cookie's token
    opened_on = pw.DateField(index=True)
    sealed = pw.BlobField()  # report uid, data key and last activity, under the cookie's key
