"""A member whose key pair was replaced: told on the case, shared again only after confirmation."""

import pytest

from portal.aftercare.models import Case, CaseMember
from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing
from portal.core.audit.models import AccessLog
from tests.aftercare.helpers import check_key, client_for, open_case, opens_with, team
from tests.conftest import PASSWORD


@pytest.fixture
def people(app):
    return team(app)


@pytest.fixture
def case(app, people):
    lead = client_for(app, people["lead"])
    reference = open_case(lead, people["employee"].id)
    lead.post(f"/aftercare/{reference}/members", data={"person": people["hr"].id})
    return reference


def replace_key(app, who):
    """What an administrator's password reset leads to: a new key pair, never the old one."""
    with app.app_context():
        keyring.replace(who, PASSWORD)
    return keyring.unlock(KeyRing.get(KeyRing.person == who), PASSWORD)


def test_an_hr_member_with_a_new_key_gets_the_case_only_after_confirmation(app, people, case):
    hr, lead_person = people["hr"], people["lead"]
    new_private = replace_key(app, hr)
    hr_client = client_for(app, hr)
    assert hr_client.get(f"/aftercare/{case}").status_code == 404
    index = hr_client.get("/aftercare/").get_data(as_text=True)
    assert "You were given a new key pair" in index and case in index

    lead = client_for(app, lead_person)
    page = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "Pieter Bakker was given a new key pair on" in page
    assert "Pieter Bakker cannot read it now" in page
    assert "Check code, as Pieter Bakker reads it to you from their own screen" in page
    # The employee is told plainly too, without a way to share.
    mine = client_for(app, people["employee"]).get(f"/aftercare/{case}").get_data(as_text=True)
    assert "Pieter Bakker was given a new key pair on" in mine
    assert "Check code, as" not in mine
    assert check_key(client_for(app, people["employee"]), case, hr.id).status_code == 403
    # Without a code, or with another code (the old key's), nothing is shared.
    for code in ("", "12345 67890 12345 67890 12345"):
        refused = check_key(lead, case, hr.id, code)
        assert "Nothing was shared" in lead.get(f"/aftercare/{case}").get_data(as_text=True)
        assert refused.status_code == 302
    rows = CaseMember.select().where(CaseMember.person == hr)
    assert not opens_with(new_private, rows)
    assert hr_client.get(f"/aftercare/{case}").status_code == 404
    assert (
        not AccessLog.select()
        .where(AccessLog.detail == f"hr:{hr.id}")
        .where(AccessLog.action == "member_reshared")
        .exists()
    )
    # Someone not on the case cannot do it.
    outsider = client_for(app, people["other_lead"])
    assert check_key(outsider, case, hr.id).status_code == 404

    check_key(lead, case, hr.id)
    done = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "The case is shared with Pieter Bakker." in done
    assert (
        "Ahmed Yilmaz checked the key of Pieter Bakker with them (the check code matched) "
        "and shared the case with it"
    ) in done
    assert "was given a new key pair" not in done
    assert opens_with(new_private, CaseMember.select().where(CaseMember.person == hr))
    assert "Aftercare for Sanne de Vries" in hr_client.get(f"/aftercare/{case}").get_data(
        as_text=True
    )
    entry = AccessLog.get(
        (AccessLog.action == "member_reshared") & (AccessLog.detail == f"hr:{hr.id}")
    )
    assert (entry.person_id, entry.detail) == (lead_person.id, f"hr:{hr.id}")
    assert entry.report_uid == Case.get(Case.reference == case).uid


def test_the_employee_with_a_new_key_gets_the_case_back_only_after_confirmation(app, people, case):
    employee = people["employee"]
    new_private = replace_key(app, employee)
    mine = client_for(app, employee)
    assert case not in mine.get("/aftercare/").get_data(as_text=True)
    assert mine.get(f"/aftercare/{case}").status_code == 404

    hr = client_for(app, people["hr"])
    page = hr.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "Sanne de Vries was given a new key pair on" in page
    employee_rows = CaseMember.select().where(CaseMember.role == "employee")
    assert not opens_with(new_private, employee_rows)  # opening the page shared nothing

    check_key(hr, case, employee.id)
    assert opens_with(new_private, CaseMember.select().where(CaseMember.role == "employee"))
    assert CaseMember.select().where(CaseMember.role == "employee").count() == 1
    assert case in mine.get("/aftercare/").get_data(as_text=True)
    page = mine.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "Pieter Bakker checked the key of Sanne de Vries with them" in page
    # The access log says it happened, and never names the employee of the case.
    uid = Case.get(Case.reference == case).uid
    entry = (
        AccessLog.select()
        .where(AccessLog.action == "member_reshared")
        .order_by(AccessLog.id.desc())
        .get()
    )  # the first is the lead's check when the case was opened
    assert (entry.person_id, entry.detail) == (people["hr"].id, "employee")
    for row in AccessLog.select().where(AccessLog.report_uid == uid):
        assert row.person_id != employee.id and str(employee.id) not in row.detail.split(":")[1:]


def test_a_case_is_never_resealed_to_a_new_key_by_adding_or_opening(app, people, case):
    lead = people["lead"]
    new_private = replace_key(app, lead)
    hr = client_for(app, people["hr"])
    hr.get(f"/aftercare/{case}")
    hr.get("/aftercare/")
    assert not opens_with(new_private, CaseMember.select().where(CaseMember.person == lead))
    page = hr.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "Ahmed Yilmaz was given a new key pair on" in page


def test_the_migration_records_only_fingerprints_it_can_be_sure_of(app, people, case):
    import importlib

    from portal.platform import database

    migration = importlib.import_module("migrations.0012_aftercare_keys")
    CaseMember.update(key_fingerprint=None).execute()
    added_on = CaseMember.get(CaseMember.person == people["hr"]).added_on
    KeyRing.update(replaced_on=added_on).where(KeyRing.person == people["hr"]).execute()
    migration.backfill(database.db)
    lead_row = CaseMember.get(CaseMember.person == people["lead"])
    assert lead_row.key_fingerprint == keyring.fingerprint_of(people["lead"].id)
    assert CaseMember.get(CaseMember.person == people["hr"]).key_fingerprint is None
    page = client_for(app, people["lead"]).get(f"/aftercare/{case}").get_data(as_text=True)
    assert "Pieter Bakker was given a new key pair on" in page
    assert "Ahmed Yilmaz was given a new key pair" not in page
