"""Issue 11, item 8: a shared summary that cannot be decrypted is a clear message, not a 500."""

import pytest

from portal.consent.models import Consent
from portal.core.accounts import keyring
from portal.core.accounts.roles import Role
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in_fully
from tests.factories import approve_summary, file_report


def share_with_hr(app):
    adviser = make_adviser()
    hr = make_person(
        email="hr@example.test",
        roles=[Role.EMPLOYEE, Role.HR],
        totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    )
    keyring.create(hr, PASSWORD)
    filed = file_report([adviser.id], mode="confidential")
    me = app.test_client()
    me.post("/followup/", data={"code": filed.receipt_code})
    me.post("/followup/report/consent", data={"scope": "share_hr", "grantee": str(hr.id)})
    staff = sign_in_fully(app.test_client(), adviser)
    staff.post(
        f"/inbox/{filed.report.reference}/summary/{Consent.get().id}",
        data={"summary": "SUMMARY-TEXT for HR"},
    )
    approve_summary(me)
    return hr


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "can no longer be read"), ("nl", "niet meer te lezen")],
)
def test_a_summary_sealed_to_a_replaced_key_is_a_message_not_a_500(app, lang, expected):
    hr = share_with_hr(app)
    # The key pair is replaced behind the summary's back (as a storage fault or an old
    # database would leave it): the sealed key no longer opens.
    from portal.core.accounts.models import KeyRing

    KeyRing.delete().where(KeyRing.person == hr).execute()
    keyring.create(hr, PASSWORD)
    viewer = sign_in_fully(app.test_client(), hr)
    viewer.post("/language", data={"locale": lang})
    response = viewer.get("/shared/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert expected in page
    assert "SUMMARY-TEXT" not in page
