"""Issue 11, item 3: the reporter's path keeps no clock, even for someone signed in."""

import logging
from collections import Counter
from datetime import datetime, timedelta

from portal.core.accounts import keyring
from portal.core.accounts.models import SessionRecord
from portal.core.accounts.roles import Role
from portal.platform.database import db
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in
from tests.factories import file_through_steps


def datetime_values() -> Counter:
    """Every value of every date-and-time column of every table, as (table, column, value)."""
    values = Counter()
    for table in db.get_tables():
        columns = [
            c.name
            for c in db.get_columns(table)
            if "datetime" in c.data_type.lower() or "timestamp" in c.data_type.lower()
        ]
        for column in columns:
            query = f'SELECT "{column}" FROM "{table}"'  # noqa: S608 - names from the schema
            for (value,) in db.execute_sql(query):
                if value is not None:
                    values[(table, column, str(value))] += 1
    return values


def finer_than_a_day(value: str) -> bool:
    moment = datetime.fromisoformat(value)
    return moment.time() != datetime.min.time()


def test_filing_anonymously_while_signed_in_writes_no_time_finer_than_a_day(app, caplog):
    first = make_adviser()
    second = make_adviser(email="second@example.test", name="Second Adviser")
    hr = make_person(email="hr@example.test", roles=[Role.EMPLOYEE, Role.HR])
    keyring.create(hr, PASSWORD)
    make_person(email="sanne@example.test")
    client = app.test_client()
    sign_in(client, "sanne@example.test")
    # Some time has passed since signing in: any touch of the session would show.
    record = SessionRecord.get()
    record.last_seen_at -= timedelta(minutes=5)
    record.created_at -= timedelta(minutes=5)
    record.save()
    before = datetime_values()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        _reference, code = file_through_steps(client, [first.id])
        filing_lines = list(caplog.records)
        client.post("/followup/", data={"code": code})
        client.get("/followup/report")
        client.post("/followup/report/consent", data={"scope": "share_hr", "grantee": str(hr.id)})
        client.post("/followup/report/transfer", data={"adviser": str(second.id)})
        client.post("/followup/report/message", data={"text": "Another message."})
    assert filing_lines == [], [r.getMessage() for r in filing_lines]
    written = datetime_values() - before
    assert written, "the path wrote nothing at all: the test would prove nothing"
    fine = [key for key in written if finer_than_a_day(key[2])]
    assert fine == []
