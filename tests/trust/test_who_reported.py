"""Issue 11, item 2: no plain column or row ties a person to a report they filed."""

import importlib.util

import pyotp

from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing, Person
from portal.core.accounts.roles import Role
from portal.platform import crypto
from portal.platform.database import MIGRATIONS, db
from portal.reports.models import MyReports, MyReportsInbox, Report, ReportKey
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in, sign_in_fully
from tests.factories import file_through_steps

CONFIDENTIAL = {
    "mode": {
        "mode": "confidential",
        "contact_name": "Sanne de Vries",
        "contact_email": "sanne@example.test",
    }
}


def tables_leading_to_reports() -> set[str]:
    """Every table whose rows lead to a report: a report_uid, or a foreign-key path to one."""
    tables = db.get_tables()
    leads = {"report"} | {
        t for t in tables if any(c.name == "report_uid" for c in db.get_columns(t))
    }
    changed = True
    while changed:
        changed = False
        for table in tables:
            if table not in leads and any(
                fk.dest_table in leads for fk in db.get_foreign_keys(table)
            ):
                leads.add(table)
                changed = True
    return leads


def columns_referring_to_people() -> list[tuple[str, str]]:
    """Every column of every table that can refer to a person."""
    found = []
    for table in db.get_tables():
        for fk in db.get_foreign_keys(table):
            if fk.dest_table == "person":
                found.append((table, fk.column))
        for column in db.get_columns(table):
            if column.name == "person_id" and (table, "person_id") not in found:
                found.append((table, column.name))  # e.g. the access log: no foreign key
    return found


def rows_naming(person_id: int) -> dict[tuple[str, str], int]:
    counts = {}
    for table, column in columns_referring_to_people():
        query = f'SELECT COUNT(*) FROM "{table}" WHERE "{column}" = {int(person_id)}'  # noqa: S608
        count = db.execute_sql(query).fetchone()[0]
        if count:
            counts[(table, column)] = count
    return counts


def test_no_column_leads_from_a_reporter_to_a_report(app):
    adviser = make_adviser()
    hr = make_person(
        email="hr@example.test", roles=[Role.EMPLOYEE, Role.HR], totp_secret=pyotp.random_base32()
    )
    keyring.create(hr, PASSWORD)
    sanne = make_person(email="sanne@example.test")
    client = sign_in_fully(app.test_client(), sanne)
    confidential, code = file_through_steps(client, [adviser.id], CONFIDENTIAL)
    anonymous, _ = file_through_steps(client, [adviser.id])
    # She works with her report as a reporter does: messages, consent, the adviser replies.
    client.post(f"/my-reports/{confidential}/message", data={"text": "One more thing."})
    client.post(
        f"/my-reports/{confidential}/consent", data={"scope": "share_hr", "grantee": str(hr.id)}
    )
    staff = sign_in_fully(app.test_client(), adviser)
    staff.get(f"/inbox/{confidential}")
    staff.post(f"/inbox/{confidential}/reply", data={"text": "Noted."})

    # "My reports" works, from her own key ...
    mine = client.get("/my-reports/").get_data(as_text=True)
    assert confidential in mine and anonymous not in mine
    assert "One more thing." in client.get(f"/my-reports/{confidential}").get_data(as_text=True)
    # ... and from the database alone, no column that can name her leads to a report.
    leading = tables_leading_to_reports()
    assert {"report", "report_key", "message", "consent", "access_log"} <= leading
    naming_her = rows_naming(sanne.id)
    assert naming_her, "she exists in the database (roles, key ring, session)"
    assert [where for where in naming_her if where[0] in leading] == []
    # The adviser's own link is there (by design): the scan is not vacuous.
    assert any(where[0] in leading for where in rows_naming(adviser.id))
    # Her list is a blob under a tag: nothing in it says whose it is or which reports.
    row = MyReports.get()
    uid = Report.get(Report.reference == confidential).uid
    assert uid.encode() not in bytes(row.body)
    assert [c.name for c in db.get_columns("my_reports")] == ["id", "tag", "body"]


def test_my_reports_without_the_key_shows_nothing(app):
    adviser = make_adviser()
    sanne = make_person(email="sanne@example.test")
    client = sign_in_fully(app.test_client(), sanne)
    confidential, _code = file_through_steps(client, [adviser.id], CONFIDENTIAL)
    # Another person's key does not find or open her list.
    other = make_person(email="piet@example.test")
    other_client = sign_in_fully(app.test_client(), other)
    assert confidential not in other_client.get("/my-reports/").get_data(as_text=True)
    assert other_client.get(f"/my-reports/{confidential}").status_code == 404


def load_migration():
    spec = importlib.util.spec_from_file_location("m0007", MIGRATIONS / "0007_trust.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_keeps_access_for_reports_filed_before(app):
    """The old rows (a reporter's sealed key) move to her own list at her next sign-in."""
    adviser = make_adviser()
    sanne = make_person(email="sanne@example.test")
    client = sign_in_fully(app.test_client(), sanne)
    reference, _code = file_through_steps(client, [adviser.id], CONFIDENTIAL)
    report = Report.get(Report.reference == reference)
    private = keyring.unlock(KeyRing.get(KeyRing.person == sanne), PASSWORD)
    from portal.reports import mine

    data_key = mine.open_mine(private, reference).data_key
    # Put the database back as an older release left it: a reporter row, no list.
    MyReports.delete().execute()
    ReportKey.insert(
        report=report,
        person=sanne,
        role="reporter",
        sealed_key=crypto.seal(bytes(KeyRing.get(KeyRing.person == sanne).public_key), data_key),
    ).execute()

    class OldKeyRing(KeyRing):
        class Meta:
            table_name = "key_ring"

    load_migration()._move_reporter_keys(db, OldKeyRing, MyReportsInbox)
    assert not ReportKey.select().where(ReportKey.role == "reporter").exists()
    assert MyReportsInbox.select().count() == 1
    again = app.test_client()
    sign_in(again, "sanne@example.test")
    assert MyReportsInbox.select().count() == 0
    assert reference in again.get("/my-reports/").get_data(as_text=True)
    assert Person.get_by_id(sanne.id)
