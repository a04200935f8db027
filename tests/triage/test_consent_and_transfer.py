"""Consent with the reporter in control, transfer between advisers (the crime exception: test_crime_exception.py)."""

from datetime import date

import pytest

from portal.consent.models import Consent, SharedSummary
from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing
from portal.core.accounts.roles import Role
from portal.platform import crypto
from portal.reports.models import Report, ReportKey
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in_fully
from tests.factories import approve_summary, file_report

SUMMARY = "SUMMARY-FOR-HR: repeated remarks in the team, reporter wants a conversation."


def person_with_keys(email, roles):
    person = make_person(email=email, roles=roles, totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    keyring.create(person, PASSWORD)
    return person


def reporter(app, code):
    client = app.test_client()
    client.post("/followup/", data={"code": code})
    return client


def test_consent_matrix(app):
    adviser = make_adviser()
    hr = person_with_keys("hr@example.test", [Role.EMPLOYEE, Role.HR])
    other_hr = person_with_keys("hr2@example.test", [Role.EMPLOYEE, Role.HR])
    lead = person_with_keys("lead@example.test", [Role.EMPLOYEE, Role.TEAM_LEAD])
    admin = make_person(
        email="admin@example.test",
        roles=[Role.ADMIN],
        totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    )
    filed = file_report([adviser.id], mode="confidential")
    me = reporter(app, filed.receipt_code)
    staff = sign_in_fully(app.test_client(), adviser)
    viewers = {p.email: sign_in_fully(app.test_client(), p) for p in (hr, other_hr, lead)}
    administrator = sign_in_fully(app.test_client(), admin)

    def who_sees():
        seen = {
            email: SUMMARY in c.get("/shared/").get_data(as_text=True)
            for email, c in viewers.items()
        }
        assert administrator.get("/shared/").status_code == 403
        return seen

    # Before consent, nothing can be shared.
    assert who_sees() == {
        "hr@example.test": False,
        "hr2@example.test": False,
        "lead@example.test": False,
    }
    me.post("/followup/report/consent", data={"scope": "share_hr", "grantee": str(hr.id)})
    consent = Consent.get()
    staff.post(f"/inbox/{filed.report.reference}/summary/{consent.id}", data={"summary": SUMMARY})
    assert SharedSummary.select().count() == 0  # not before the reporter approves the text
    approve_summary(me)
    assert b"SUMMARY-FOR-HR" not in bytes(SharedSummary.get().body)
    assert who_sees() == {
        "hr@example.test": True,
        "hr2@example.test": False,
        "lead@example.test": False,
    }
    assert ": Sanne</p>" not in viewers["hr@example.test"].get("/shared/").get_data(as_text=True)

    me.post("/followup/report/consent", data={"scope": "reveal_name", "grantee": str(hr.id)})
    staff.post(f"/inbox/{filed.report.reference}/summary/{consent.id}", data={"summary": SUMMARY})
    approve_summary(me)
    assert ": Sanne</p>" in viewers["hr@example.test"].get("/shared/").get_data(as_text=True)

    me.post(f"/followup/report/consent/{consent.id}/revoke")
    assert SharedSummary.select().count() == 0
    assert who_sees() == {
        "hr@example.test": False,
        "hr2@example.test": False,
        "lead@example.test": False,
    }
    # Writing under a withdrawn consent shares nothing.
    staff.post(f"/inbox/{filed.report.reference}/summary/{consent.id}", data={"summary": SUMMARY})
    assert SharedSummary.select().count() == 0


def test_consent_only_to_people_in_the_right_role(app):
    adviser = make_adviser()
    lead = person_with_keys("lead@example.test", [Role.EMPLOYEE, Role.TEAM_LEAD])
    filed = file_report([adviser.id])
    me = reporter(app, filed.receipt_code)
    me.post("/followup/report/consent", data={"scope": "share_hr", "grantee": str(lead.id)})
    me.post("/followup/report/consent", data={"scope": "share_everyone", "grantee": str(lead.id)})
    assert Consent.select().count() == 0


def test_after_a_transfer_the_old_adviser_cannot_decrypt_and_the_new_one_can(app):
    old = make_adviser()
    new = make_adviser(email="new@example.test", name="New Adviser")
    filed = file_report([old.id])
    report = filed.report
    old_key = keyring.unlock(KeyRing.get(KeyRing.person == old), PASSWORD)
    old_sealed = bytes(ReportKey.get(ReportKey.person == old).sealed_key)

    me = reporter(app, filed.receipt_code)
    me.post("/followup/report/transfer", data={"adviser": str(new.id)})
    rows = list(ReportKey.select().where(ReportKey.report == report))
    assert [r.person_id for r in rows] == [new.id]
    assert (
        sign_in_fully(app.test_client(), old).get(f"/inbox/{report.reference}").status_code == 404
    )
    new_key = keyring.unlock(KeyRing.get(KeyRing.person == new), PASSWORD)
    data_key = crypto.unseal(new_key, bytes(rows[0].sealed_key))
    assert b"What happened" in crypto.decrypt_field(
        data_key, report.uid, "body", bytes(Report.get().body)
    )
    with pytest.raises(crypto.DecryptionFailed):
        crypto.unseal(old_key, bytes(rows[0].sealed_key))
    assert "What happened" in sign_in_fully(app.test_client(), new).get(
        f"/inbox/{report.reference}"
    ).get_data(as_text=True)
    # Even the old sealed copy, if someone kept it, is no row in the database any more.
    assert not ReportKey.select().where(ReportKey.sealed_key == old_sealed).exists()


def test_excluded_adviser_is_never_offered_for_transfer(app):
    first = make_adviser()
    excluded = make_adviser(email="x@example.test", name="Excluded One")
    from portal.reports import filing

    submission = filing.Submission(
        "bullying",
        [{"description": "x"}],
        "yes",
        [],
        "",
        "anonymous",
        [first.id],
        excluded=[excluded.id],
    )
    filed = filing.file_report(submission, None, date.today())
    me = reporter(app, filed.receipt_code)
    assert "Excluded One" not in me.get("/followup/report").get_data(as_text=True)
    me.post("/followup/report/transfer", data={"adviser": str(excluded.id)})
    assert [r.person_id for r in ReportKey.select()] == [first.id]


def test_adviser_steps_back_and_the_reporter_chooses_another(app):
    first = make_adviser()
    second = make_adviser(email="second@example.test", name="Second Adviser")
    filed = file_report([first.id])
    staff = sign_in_fully(app.test_client(), first)
    staff.post(f"/inbox/{filed.report.reference}/step-back", data={"confirm": "y"})
    assert ReportKey.select().where(ReportKey.role == "adviser").count() == 0
    me = reporter(app, filed.receipt_code)
    me.post("/language", data={"locale": "en"})
    page = me.get("/followup/report").get_data(as_text=True)
    assert "stepped back" in page and "Second Adviser" in page
    me.post("/followup/report/transfer", data={"adviser": str(second.id)})
    assert [r.person_id for r in ReportKey.select()] == [second.id]
