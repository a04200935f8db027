"""Aftercare that drives its own dates (issue 22, item 2): a sent notice completes step 4,
"help needed" opens step 5 for HR and tells HR without content, the complaint deadline is
step 6's due date counted inclusive and is on HR's overview, the employee is spoken to."""

from datetime import date, timedelta

import pytest

from portal.aftercare import protocol, steps
from portal.aftercare.models import Case, CaseStep
from tests.aftercare.helpers import client_for, open_case, team


@pytest.fixture
def people(app):
    return team(app)


@pytest.fixture
def case(app, people):
    return open_case(client_for(app, people["lead"]), people["employee"].id)


def step(reference, number):
    return CaseStep.get(
        (CaseStep.case == Case.get(Case.reference == reference)) & (CaseStep.number == number)
    )


def test_a_help_needed_check_in_opens_step_5_for_hr_and_mails_hr_without_content(
    app, people, case, mail_sink
):
    lead = client_for(app, people["lead"])
    lead.post(f"/aftercare/{case}/members", data={"person": people["hr"].id})
    before = len(mail_sink.messages)
    lead.post(
        f"/aftercare/{case}/checkins/first",
        data={"how": "SLEEPS-BADLY-Z", "help_needed": "y", "done_on": "2026-03-05"},
    )
    row = step(case, protocol.PROFESSIONAL)
    assert (row.owner, row.status) == ("hr", "doing")
    assert row.due_on == date(2026, 3, 5 + protocol.HELP_DAYS)
    sent = mail_sink.messages[before:]
    assert [m["To"] for m in sent] == ["pieter@example.test"]  # the HR person on the case
    text = sent[0].get_body().get_content()
    assert "/aftercare/overview" in text
    for content in ("SLEEPS-BADLY-Z", "Sanne", "Ahmed", case):
        assert content not in text
    # Saving the check-in again does not mail again; the step stays as HR left it.
    lead.post(
        f"/aftercare/{case}/checkins/first",
        data={"how": "SLEEPS-BADLY-Z", "help_needed": "y", "done_on": "2026-03-05"},
    )
    assert len(mail_sink.messages) == before + 1
    hr = client_for(app, people["hr"])
    page = hr.get("/aftercare/overview").get_data(as_text=True)
    assert "12 March 2026: step 5, Professional help" in page


def test_without_hr_on_the_case_every_hr_person_is_told(app, people, case, mail_sink):
    lead = client_for(app, people["lead"])
    before = len(mail_sink.messages)
    lead.post(f"/aftercare/{case}/checkins/first", data={"how": "x", "help_needed": "y"})
    assert sorted(m["To"] for m in mail_sink.messages[before:]) == [
        "hr2@example.test",
        "pieter@example.test",
    ]


def test_no_help_needed_leaves_step_5_alone(app, people, case, mail_sink):
    lead = client_for(app, people["lead"])
    before = len(mail_sink.messages)
    lead.post(f"/aftercare/{case}/checkins/first", data={"how": "fine"})
    assert step(case, protocol.PROFESSIONAL).status == "todo"
    assert len(mail_sink.messages) == before


def test_the_complaint_deadline_counts_inclusive():
    # Art. 66 Sr: within three months after the day the victim learned of it.
    assert protocol.police_complaint_until(date(2026, 11, 20)) == date(2027, 2, 20)
    assert protocol.police_complaint_until(date(2026, 11, 30)) == date(2027, 2, 28)


def test_the_complaint_deadline_is_step_6s_due_date_and_on_the_overview(app, people, case):
    lead = client_for(app, people["lead"])
    lead.post(
        f"/aftercare/{case}/police",
        data={"filed_by": "Pieter", "complaint_offence": "y", "learned_on": "2026-11-20"},
    )
    assert step(case, protocol.POLICE).due_on == date(2027, 2, 20)
    page = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "no later than 20 February 2027 (that day still counts)" in page
    assert "before Feb" not in page
    with app.test_request_context():
        from portal.aftercare import cases
        from portal.core.accounts import keyring
        from portal.core.accounts.models import KeyRing
        from tests.conftest import PASSWORD

        key = keyring.unlock(KeyRing.get(KeyRing.person == people["lead"]), PASSWORD)
        opened = cases.open_for(people["lead"], key, case)
        by_day = {
            day: next(s for s in steps.views(opened, day) if s.number == protocol.POLICE)
            for day in (date(2027, 2, 20), date(2027, 2, 21))
        }
    assert not by_day[date(2027, 2, 20)].overdue  # the last day still counts
    assert by_day[date(2027, 2, 21)].overdue
    hr = client_for(app, people["hr"])
    overview = hr.get("/aftercare/overview").get_data(as_text=True)
    assert "no later than 20 February 2027" in overview
    assert "20 February 2027: step 6, Police report by the organisation" in overview
    hr.post("/language", data={"locale": "nl"})
    assert "uiterlijk 20 februari 2027" in hr.get("/aftercare/overview").get_data(as_text=True)


def test_an_offence_anyone_can_report_has_no_complaint_deadline(app, people, case):
    lead = client_for(app, people["lead"])
    lead.post(f"/aftercare/{case}/police", data={"filed_by": "Pieter", "learned_on": "2026-11-20"})
    assert step(case, protocol.POLICE).due_on is None
    overview = client_for(app, people["hr"]).get("/aftercare/overview").get_data(as_text=True)
    assert "last day for the complaint" not in overview


def test_a_sent_notice_completes_step_4_and_the_answer_is_kept_beside_it(app, people, case):
    lead = client_for(app, people["lead"])
    row = step(case, protocol.PLATFORM)
    sent = row.due_on - timedelta(days=2)  # sent before its date (today): never "overdue"
    lead.post(f"/aftercare/{case}/notice", data={"sent_on": sent.isoformat(), "platform": "x"})
    row = step(case, protocol.PLATFORM)
    assert (row.status, row.done_on) == ("done", sent)
    page = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    step_4 = page.split('id="step-4"')[1].split("</li>")[0]
    assert "overdue" not in step_4 and "Done" in step_4
    assert "The platform's answer is awaited." in step_4
    lead.post(
        f"/aftercare/{case}/notice",
        data={
            "sent_on": sent.isoformat(),
            "platform": "x",
            "decided_on": sent.isoformat(),
            "removed": "no",
        },
    )
    page = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "not to remove the post" in page and "Consider the next step: legal help" in page


def test_the_overview_never_calls_an_open_step_reached(app, people, case):
    hr = client_for(app, people["hr"], "nl")
    for number in (1, 2, 3):
        CaseStep.update(status="done").where(CaseStep.number == number).execute()
    page = hr.get("/aftercare/overview").get_data(as_text=True)
    assert "bereikt" not in page.lower() and "Bereikte stap" not in page
    assert "3 van 7" in page and "4. Rapporteer het bij het platform (te doen)" in page


def test_the_employee_is_spoken_to_on_their_own_case(app, people, case):
    employee = client_for(app, people["employee"], "nl")
    page = employee.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "Jouw nazorg" in page and "Hoe het met je gaat" in page
    assert "houd de medewerker" not in page.lower()
    assert "met de medewerker" not in page.lower()
    assert "De organisatie doet aangifte, niet jij." in page
    employee.post("/language", data={"locale": "en"})
    page = employee.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "Your aftercare" in page and "Keep an eye on the employee" not in page
    lead_page = client_for(app, people["lead"]).get(f"/aftercare/{case}").get_data(as_text=True)
    assert "Keep an eye on the employee" in lead_page  # staff keep the staff's wording
