"""A colleague on a report only with the reporter's consent (hand over, add), and the stand-in
of an adviser who is away: deadlines and messages go to them, the content only by consent."""

from datetime import date, timedelta

import pytest

from portal.advisers.models import AdviserProfile
from portal.core.accounts import keyring
from portal.core.accounts.roles import Role
from portal.platform import clock, crypto
from portal.reports.handover import Handover
from portal.reports.models import Report, ReportKey
from portal.triage import reminders
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in_fully
from tests.factories import file_report, in_english

SECRET = "SECRET-TEXT of what happened"


@pytest.fixture
def outbox(monkeypatch):
    sent = []
    monkeypatch.setattr(
        "portal.platform.mail.send", lambda to, subject, body: sent.append((to, subject, body))
    )
    return sent


def reporter(app, code):
    client = in_english(app.test_client())
    client.post("/followup/", data={"code": code})
    return client


def staff(app, person):
    return in_english(sign_in_fully(app.test_client(), person))


def keys_of(report, person) -> list[ReportKey]:
    return list(
        ReportKey.select().where((ReportKey.report == report) & (ReportKey.person == person))
    )


def can_unseal(report, person) -> bool:
    """Whether the person's own private key opens the report's data key in the database."""
    private_key = keyring.unlock(keyring.KeyRing.get(keyring.KeyRing.person == person), PASSWORD)
    for row in keys_of(report, person):
        crypto.unseal(private_key, bytes(row.sealed_key))
        return True
    return False


def ask(client, reference, colleague, kind="hand_over"):
    return client.post(
        f"/inbox/{reference}/colleague",
        data={"handover-colleague": str(colleague.id), "handover-kind": kind},
    )


# --- hand over, add a colleague -----------------------------------------------------------


def test_a_hand_over_takes_effect_only_when_the_reporter_agrees(app):
    mine = make_adviser()
    colleague = make_adviser("colleague@example.test", "Karin de Boer")
    filed = file_report([mine.id], text=SECRET)
    ref = filed.report.reference
    adviser, other = staff(app, mine), staff(app, colleague)

    response = ask(adviser, ref, colleague)
    assert response.status_code == 302
    request = Handover.get()
    assert (request.kind, request.answer, request.colleague_id) == ("hand_over", None, colleague.id)
    # Asked, not sealed: the colleague cannot read it, not in the page, not from the database.
    assert keys_of(filed.report, colleague) == []
    assert other.get(f"/inbox/{ref}").status_code == 404
    panel = adviser.get(f"/inbox/{ref}").get_data(as_text=True)
    assert (
        "waiting for the reporter&#39;s answer" in panel
        or "waiting for the reporter's answer" in panel
    )

    # The reporter is told, in the conversation and above it, and answers.
    me = reporter(app, filed.receipt_code)
    page = me.get("/followup/report").get_data(as_text=True)
    assert "may take your report over" in page
    assert "asks whether a colleague may take your report over" in page
    assert "Karin de Boer" in page
    response = me.post(f"/followup/report/colleague/{request.id}/agree")
    assert response.status_code == 302

    assert can_unseal(filed.report, colleague)
    assert keys_of(filed.report, mine) == []  # handed over: the asking adviser leaves it
    assert SECRET in other.get(f"/inbox/{ref}").get_data(as_text=True)
    assert adviser.get(f"/inbox/{ref}").status_code == 404
    assert Handover.get().answer == "agreed"
    assert "Karin de Boer reads your report" in me.get("/followup/report").get_data(as_text=True)


def test_adding_a_colleague_keeps_the_adviser_and_a_no_changes_nothing(app):
    mine = make_adviser()
    colleague = make_adviser("colleague@example.test", "Karin de Boer")
    third = make_adviser("third@example.test", "Pieter Smit")
    filed = file_report([mine.id], text=SECRET)
    ref = filed.report.reference
    adviser = staff(app, mine)
    me = reporter(app, filed.receipt_code)

    ask(adviser, ref, colleague, "add")
    me.post(f"/followup/report/colleague/{Handover.get().id}/agree")
    assert can_unseal(filed.report, colleague) and can_unseal(filed.report, mine)

    ask(adviser, ref, third, "add")
    declined = Handover.get(Handover.colleague == third)
    me.post(f"/followup/report/colleague/{declined.id}/decline")
    assert Handover.get_by_id(declined.id).answer == "declined"
    assert keys_of(filed.report, third) == []
    assert "You declined: no colleague was added." in me.get("/followup/report").get_data(
        as_text=True
    )
    # An answered request cannot be answered again.
    assert me.post(f"/followup/report/colleague/{declined.id}/agree").status_code == 404
    assert keys_of(filed.report, third) == []


def test_the_reporter_answers_from_my_reports_too(app):
    mine = make_adviser()
    colleague = make_adviser("colleague@example.test", "Karin de Boer")
    employee = make_person("emp@example.test", "Sanne", roles=[Role.EMPLOYEE])
    keyring.create(employee, PASSWORD)
    me = in_english(sign_in_fully(app.test_client(), employee))
    from tests.factories import file_through_steps

    reference, _code = file_through_steps(
        me,
        [mine.id],
        {
            "mode": {
                "mode": "confidential",
                "contact_name": "Sanne",
                "contact_email": "emp@example.test",
            }
        },
    )
    ask(staff(app, mine), reference, colleague, "add")
    page = me.get(f"/my-reports/{reference}").get_data(as_text=True)
    assert "may join them on your report" in page
    response = me.post(f"/my-reports/{reference}/colleague/{Handover.get().id}/agree")
    assert response.status_code == 302
    assert can_unseal(Report.get(Report.reference == reference), colleague)


def test_a_replaced_key_receives_nothing(app):
    mine = make_adviser()
    colleague = make_adviser("colleague@example.test", "Karin de Boer")
    filed = file_report([mine.id], text=SECRET)
    ask(staff(app, mine), filed.report.reference, colleague)
    keyring.create(colleague, PASSWORD)  # a new key pair since the adviser asked
    me = reporter(app, filed.receipt_code)
    page = me.post(f"/followup/report/colleague/{Handover.get().id}/agree", follow_redirects=True)
    assert "Nothing was passed on" in page.get_data(as_text=True)
    assert keys_of(filed.report, colleague) == []
    assert Handover.get().answer == "lapsed"


def test_refused_requests_say_why_and_change_nothing(app):
    mine = make_adviser()
    colleague = make_adviser("colleague@example.test", "Karin de Boer")
    hr = make_person("hr@example.test", "HR", roles=[Role.HR])
    filed = file_report([mine.id], text=SECRET)
    ref = filed.report.reference
    adviser = staff(app, mine)

    for data in (
        {"handover-colleague": str(hr.id), "handover-kind": "add"},  # not an adviser
        {"handover-colleague": str(mine.id), "handover-kind": "add"},  # myself
        {"handover-colleague": "x", "handover-kind": "add"},
        {"handover-colleague": str(colleague.id), "handover-kind": "steal"},
        {"handover-colleague": str(colleague.id)},
    ):
        page = adviser.post(f"/inbox/{ref}/colleague", data=data, follow_redirects=True)
        assert page.status_code == 200
        assert 'class="flash flash--error"' in page.get_data(as_text=True), data
    assert Handover.select().count() == 0

    ask(adviser, ref, colleague)
    page = ask(adviser, ref, make_adviser("third@example.test", "Pieter Smit"))
    again = adviser.get(page.headers["Location"]).get_data(as_text=True)
    assert "A request already waits" in again
    assert Handover.select().count() == 1


def test_deny_by_default_on_the_colleague_routes(app):
    mine = make_adviser()
    colleague = make_adviser("colleague@example.test", "Karin de Boer")
    stranger = make_adviser("stranger@example.test", "Ander")
    hr = make_person(
        "hr@example.test", "HR", roles=[Role.HR], totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    )
    admin = make_person(
        "admin@example.test",
        "Admin",
        roles=[Role.ADMIN],
        totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    )
    filed = file_report([mine.id], text=SECRET)
    other = file_report([mine.id], text=SECRET)
    ref = filed.report.reference
    ask(staff(app, mine), ref, colleague)
    request = Handover.get()

    # Another adviser, HR and the administrator cannot ask, nor read the stand-in page.
    outsider = staff(app, stranger)  # a code is used once: one sign-in per person
    assert ask(outsider, ref, colleague).status_code == 404
    for person in (hr, admin):
        client = sign_in_fully(app.test_client(), person)
        assert ask(client, ref, colleague).status_code == 403
        assert client.get(f"/inbox/standing-in/{ref}").status_code == 403
        assert client.post(f"/inbox/standing-in/{ref}/acknowledge").status_code == 403
    assert outsider.get(f"/inbox/standing-in/{ref}").status_code == 404
    assert app.test_client().get(f"/inbox/standing-in/{ref}").status_code == 302  # sign in

    # The reporter of another report cannot answer this one's request; nobody without a code can.
    someone_else = reporter(app, other.receipt_code)
    assert someone_else.post(f"/followup/report/colleague/{request.id}/agree").status_code == 404
    assert (
        app.test_client().post(f"/followup/report/colleague/{request.id}/agree").status_code == 404
    )
    assert app.test_client().post("/followup/report/stand-in/agree").status_code == 404
    # No stand-in now: nothing to agree to.
    assert someone_else.post("/followup/report/stand-in/agree").status_code == 404
    assert someone_else.post("/followup/report/stand-in/decline").status_code == 404
    # My reports: a reference that is not mine.
    employee = make_person("emp@example.test", "Sanne", roles=[Role.EMPLOYEE])
    keyring.create(employee, PASSWORD)
    client = sign_in_fully(app.test_client(), employee)
    assert client.post(f"/my-reports/{ref}/colleague/{request.id}/agree").status_code == 404
    assert client.post(f"/my-reports/{ref}/stand-in/agree").status_code == 404
    assert keys_of(filed.report, colleague) == []
    assert Handover.get().answer is None


# --- the stand-in -------------------------------------------------------------------------


def away_with_stand_in(adviser, stand_in, days=10):
    AdviserProfile.update(away_until=clock.today() + timedelta(days=days), stand_in=stand_in).where(
        AdviserProfile.person == adviser
    ).execute()


def test_an_absent_advisers_report_deadline_and_message_go_to_the_stand_in(app, outbox):
    away = make_adviser("away@example.test", "Marieke Jansen")
    stand_in = make_adviser("standin@example.test", "Karin de Boer")
    today = clock.today()
    # An integrity report: acknowledge within 7 days, due in two days.
    filed = file_report(
        [away.id], category="violation", text=SECRET, today=today - timedelta(days=5)
    )
    ref = filed.report.reference
    away_with_stand_in(away, stand_in)
    them = staff(app, stand_in)

    # The report and its deadline are on the stand-in's today page, with no content.
    today_page = them.get("/today").get_data(as_text=True)
    assert (
        "Colleagues&#39; reports I stand in for" in today_page
        or "Colleagues' reports I stand in for" in today_page
    )
    assert ref in today_page and "for Marieke Jansen, away until" in today_page
    assert "acknowledge by" in today_page
    assert SECRET not in today_page

    # The deadline's reminder goes to the stand-in, not to the adviser who is away.
    with app.test_request_context():
        outcome = reminders.send(today, days_ahead=2)
    assert (outcome.mailed, outcome.deadlines) == (1, 1)
    assert [to for to, _s, _b in outbox] == [stand_in.email]
    assert "/today" in outbox[0][2] and SECRET not in outbox[0][2] and ref not in outbox[0][2]

    # The reporter sees who answers, and their next message reaches the stand-in.
    me = reporter(app, filed.receipt_code)
    page = me.get("/followup/report").get_data(as_text=True)
    assert "Marieke Jansen is away until" in page
    assert "Karin de Boer stands in meanwhile" in page
    assert "May Karin de Boer read your report?" in page
    outbox.clear()
    me.post("/followup/report/message", data={"text": "SECRET-MESSAGE for my adviser"})
    assert [to for to, _s, _b in outbox] == [stand_in.email]
    assert "SECRET" not in outbox[0][1] + outbox[0][2]
    assert "new message" in them.get("/today").get_data(as_text=True)

    # Before the reporter agrees, nothing is sealed to the stand-in: not readable in the page,
    # nor from the database with the stand-in's own private key.
    assert keys_of(filed.report, stand_in) == [] and not can_unseal(filed.report, stand_in)
    assert them.get(f"/inbox/{ref}").status_code == 404
    standing = them.get(f"/inbox/standing-in/{ref}").get_data(as_text=True)
    assert ref in standing and "SECRET" not in standing

    # The stand-in may acknowledge receipt; the reporter sees it.
    them.post(f"/inbox/standing-in/{ref}/acknowledge")
    report = Report.get_by_id(filed.report.id)
    assert report.acknowledged_on == today and report.status == "acknowledged"
    assert report.feedback_due_on is not None

    # The reporter agrees: now the stand-in reads the report and the message.
    me.post("/followup/report/stand-in/agree")
    assert can_unseal(filed.report, stand_in)
    workspace = them.get(f"/inbox/{ref}").get_data(as_text=True)
    assert SECRET in workspace and "SECRET-MESSAGE" in workspace
    page = me.get("/followup/report").get_data(as_text=True)
    assert "Karin de Boer stands in, has read access" in page
    assert can_unseal(filed.report, away)  # the adviser keeps their report


def test_the_reporter_may_wait_for_their_own_adviser(app):
    away = make_adviser("away@example.test", "Marieke Jansen")
    stand_in = make_adviser("standin@example.test", "Karin de Boer")
    filed = file_report([away.id], text=SECRET)
    away_with_stand_in(away, stand_in)
    me = reporter(app, filed.receipt_code)
    me.post("/followup/report/stand-in/decline")
    page = me.get("/followup/report").get_data(as_text=True)
    assert "you chose to wait" in page and keys_of(filed.report, stand_in) == []
    assert Handover.get().answer == "declined"
    # The reporter may change their mind.
    me.post("/followup/report/stand-in/agree")
    assert can_unseal(filed.report, stand_in)


def test_no_stand_in_once_the_adviser_is_back(app, outbox):
    away = make_adviser("away@example.test", "Marieke Jansen")
    stand_in = make_adviser("standin@example.test", "Karin de Boer")
    today = clock.today()
    filed = file_report([away.id], category="violation", today=today - timedelta(days=5))
    AdviserProfile.update(away_until=today - timedelta(days=1), stand_in=stand_in).where(
        AdviserProfile.person == away
    ).execute()
    them = staff(app, stand_in)
    assert filed.report.reference not in them.get("/today").get_data(as_text=True)
    assert them.get(f"/inbox/standing-in/{filed.report.reference}").status_code == 404
    with app.test_request_context():
        reminders.send(today, days_ahead=2)
    assert [to for to, _s, _b in outbox] == [away.email]
    page = reporter(app, filed.receipt_code).get("/followup/report").get_data(as_text=True)
    assert "Marieke Jansen reads your report and answers you." in page


def test_the_stand_in_page_is_only_for_open_reports(app):
    away = make_adviser("away@example.test", "Marieke Jansen")
    stand_in = make_adviser("standin@example.test", "Karin de Boer")
    filed = file_report([away.id], text=SECRET)
    away_with_stand_in(away, stand_in)
    Report.update(status="closed", closed_on=date.today()).where(
        Report.id == filed.report.id
    ).execute()
    assert (
        staff(app, stand_in).get(f"/inbox/standing-in/{filed.report.reference}").status_code == 404
    )


def test_the_stand_in_lines_cost_the_same_for_one_report_or_many(app, monkeypatch):
    from portal.reports import standin
    from tests.factories import QueryCounter

    away = make_adviser("away@example.test", "Marieke Jansen")
    stand_in = make_adviser("standin@example.test", "Karin de Boer")
    away_with_stand_in(away, stand_in)

    def queries() -> tuple[int, int]:
        counter = QueryCounter(monkeypatch)
        lines = standin.reports_standing_in(stand_in, clock.today())
        return counter.count, len(lines)

    assert queries() == (1, 0)  # nobody away for whom they stand in has a report: one query
    file_report([away.id])
    few = queries()
    for _ in range(5):
        file_report([away.id])
    assert queries() == (few[0], 6) and few == (2, 1)


def test_the_stand_ins_access_ends_when_the_adviser_is_back(app):
    from portal.reports import standin

    away = make_adviser("away@example.test", "Marieke Jansen")
    stand_in = make_adviser("standin@example.test", "Karin de Boer")
    filed = file_report([away.id], text=SECRET)
    away_with_stand_in(away, stand_in, days=3)
    reporter(app, filed.receipt_code).post("/followup/report/stand-in/agree")
    assert can_unseal(filed.report, stand_in)
    today = clock.today()
    with app.app_context():  # as `portal remind` runs it
        assert standin.end_stand_ins(today + timedelta(days=3)) == 0  # the last day away
        assert standin.end_stand_ins(today + timedelta(days=4)) == 1
        assert keys_of(filed.report, stand_in) == [] and can_unseal(filed.report, away)
        assert Handover.get().answer == "ended"
        assert standin.end_stand_ins(today + timedelta(days=5)) == 0


def test_the_adviser_takes_a_request_back_and_the_reporter_is_told(app):
    mine = make_adviser()
    colleague = make_adviser("colleague@example.test", "Karin de Boer")
    stranger = make_adviser("stranger@example.test", "Ander")
    hr = make_person(
        "hr@example.test", "HR", roles=[Role.HR], totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    )
    filed = file_report([mine.id], text=SECRET)
    ref = filed.report.reference
    adviser = staff(app, mine)
    ask(adviser, ref, colleague)
    request = Handover.get()
    withdraw = f"/inbox/{ref}/colleague/{request.id}/withdraw"
    assert staff(app, stranger).post(withdraw).status_code == 404
    assert sign_in_fully(app.test_client(), hr).post(withdraw).status_code == 403
    assert Handover.get().answer is None

    assert adviser.post(withdraw).status_code == 302
    assert Handover.get().answer == "withdrawn"
    me = reporter(app, filed.receipt_code)
    page = me.get("/followup/report").get_data(as_text=True)
    assert "took back the question to hand your report over" in page
    assert "Your adviser asks you something" not in page
    assert me.post(f"/followup/report/colleague/{request.id}/agree").status_code == 404
    assert keys_of(filed.report, colleague) == []
    # Taken back already: said, nothing breaks.
    again = adviser.post(withdraw, follow_redirects=True).get_data(as_text=True)
    assert "answered this request already" in again
