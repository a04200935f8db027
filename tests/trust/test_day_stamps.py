"""Issue 21, item 6: nothing on the reporter's or the record's path is placed finer than a day.

Neither by its own columns nor by its place among other rows: entries kept by the day have a
log of their own, and My record's pages leave the session's activity time alone.
"""

from datetime import timedelta

from portal.core.accounts import keyring
from portal.core.accounts.models import SessionRecord
from portal.core.accounts.roles import Role
from portal.core.audit import log as audit
from portal.core.audit.models import AccessLog, DayLog
from portal.platform.clock import utcnow
from portal.reports.models import Report
from tests.conftest import PASSWORD, TEST_SECRET, make_adviser, make_person, sign_in_fully
from tests.factories import file_report
from tests.record.helpers import become_owner, write_entry


def test_day_stamped_entries_share_no_table_or_chain_with_timestamped_ones(app):
    adviser = make_adviser()
    filed = file_report([adviser.id], mode="confidential")
    staff = sign_in_fully(app.test_client(), adviser)
    staff.get(f"/inbox/{filed.report.reference}")  # staff: to the microsecond
    reporter = app.test_client()
    reporter.post("/followup/", data={"code": filed.receipt_code})
    hr = make_person(email="hr@example.test", roles=[Role.EMPLOYEE, Role.HR])
    keyring.create(hr, PASSWORD)
    # The reporter's path: a consent given, logged by the day.
    reporter.post("/followup/report/consent", data={"scope": "share_hr", "grantee": str(hr.id)})
    owner = app.test_client()
    become_owner(owner, "owner@example.test")
    uid = write_entry(owner)
    owner.post(f"/record/entry/{uid}/delete")  # the record's path: by the day
    staff.get(f"/inbox/{filed.report.reference}")

    day_actions = {row.action for row in DayLog.select()}
    assert {"consent", "record.entry_deleted"} <= day_actions
    for row in DayLog.select():
        assert (row.at.hour, row.at.minute, row.at.second, row.at.microsecond) == (0, 0, 0, 0)
    # No day-stamped row among the timestamped ones: their ids and chain tell nothing.
    for row in AccessLog.select():
        assert row.at.time() != row.at.time().min or row.at.microsecond, row.action
    assert AccessLog.select().where(AccessLog.person_id == adviser.id).count() >= 2
    # Each chain holds on its own, and a change in either is found.
    with app.app_context():
        count, problems = audit.verify(TEST_SECRET)
        assert problems == [] and count == AccessLog.select().count() + DayLog.select().count()
        DayLog.update(detail="changed").where(DayLog.id == DayLog.select().first().id).execute()
        assert [p.log for p in audit.verify(TEST_SECRET)[1]] == ["day_log"]
    # The report's own log still shows both, the day's entries first.
    actions = [entry.action for entry, _ in audit.entries_for(Report.get())]
    assert "consent" in actions and actions.index("consent") < len(actions)


def test_my_record_leaves_the_sessions_activity_time_alone(app):
    owner = app.test_client()
    become_owner(owner, "owner@example.test")
    write_entry(owner)
    earlier = utcnow() - timedelta(minutes=5)
    SessionRecord.update(last_seen_at=earlier).execute()
    owner.get("/record/")
    owner.get("/record/new")
    assert SessionRecord.get().last_seen_at == earlier
    owner.get("/")  # an ordinary page does keep it
    assert SessionRecord.get().last_seen_at > earlier
