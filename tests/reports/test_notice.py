"""A notice without content when the adviser writes (issue 28, item 4).

A confidential or named reporter may give an address for it; the page warns that a work
address tells IT; the address is sealed to the advisers, so no copy of the database, not even
with the secret key, reads it; the notice goes out from the adviser's own session when they
reply, from a neutral sender with a neutral subject, and says nothing of the report.
"""

from portal.core.accounts import keyring
from portal.platform import crypto
from portal.reports import notice
from portal.reports.models import Report, ReportKey
from tests.conftest import PASSWORD, make_adviser, sign_in_fully
from tests.factories import in_english, receipt_of, stored_bytes

ADDRESS = "prive.adres.7f3a@example.org"


def ask_confidentially(app, adviser, mode="confidential"):
    person = in_english(app.test_client())
    data = {
        "adviser": str(adviser.id),
        "what": "question",
        "message": "Mag ik iets vragen over mijn rooster?",
        "topic": "unwanted",
        "mode": mode,
        "contact_name": "Sanne de Vries",
        "contact_phone": "06 12345678",
    }
    response = person.post("/report/conversation", data=data)
    assert response.status_code == 201, response.get_data(as_text=True)[:2000]
    reference, code = receipt_of(response.get_data(as_text=True))
    assert person.post("/followup/", data={"code": code}).status_code == 302
    return person, reference


def test_the_page_offers_the_notice_with_a_warning_about_work_addresses(app):
    adviser = make_adviser()
    person, _reference = ask_confidentially(app, adviser)
    page = person.get("/followup/report").get_data(as_text=True)
    assert "A notice when your adviser writes" in page
    assert "Use a private address, not your work address." in page
    assert "tells them that you are in contact with a confidential adviser" in page


def test_an_anonymous_person_is_not_offered_a_notice_and_cannot_ask_for_one(app):
    adviser = make_adviser()
    person, reference = ask_confidentially(app, adviser, mode="anonymous")
    assert "A notice when your adviser writes" not in person.get("/followup/report").get_data(
        as_text=True
    )
    assert person.post("/followup/report/notice", data={"address": ADDRESS}).status_code == 404
    report = Report.get(Report.reference == reference)
    assert not notice.wanted(report)


def test_a_bad_address_is_refused_with_a_message(app):
    adviser = make_adviser()
    person, reference = ask_confidentially(app, adviser)
    response = person.post("/followup/report/notice", data={"address": "not an address"})
    assert response.status_code == 302
    page = person.get("/followup/report").get_data(as_text=True)
    assert "Fill in an e-mail address, such as name@example.org." in page
    assert not notice.wanted(Report.get(Report.reference == reference))


def test_no_notice_address_is_readable_from_a_database_copy_with_the_secret_key(app, tmp_path):
    adviser = make_adviser()
    person, reference = ask_confidentially(app, adviser)
    assert person.post("/followup/report/notice", data={"address": ADDRESS}).status_code == 302
    report = Report.get(Report.reference == reference)
    assert notice.wanted(report)
    copy = stored_bytes(app, tmp_path)
    assert ADDRESS.encode() not in copy and b"prive.adres" not in copy
    # The secret key opens nothing here: the address is a sealed box to the adviser's public
    # key, whose private key is kept only under the adviser's password and recovery key.
    sealed = bytes(ReportKey.get(ReportKey.report == report).notice)
    secret = app.config["SECRET_KEY"]
    for guess in (secret.encode()[:32].ljust(32, b"\0"), secret.encode()[-32:].rjust(32, b"\0")):
        try:
            opened = crypto.unseal(guess, sealed)
        except crypto.DecryptionFailed:
            opened = None
        assert opened is None
    # The adviser's own unlocked key does open it.
    private_key = keyring.open_or_create(adviser, PASSWORD)
    assert notice.address_for(report, adviser, private_key) == ADDRESS
    assert person.get("/followup/report").get_data(as_text=True).count(ADDRESS) == 0


def test_the_adviser_reply_sends_a_neutral_notice_from_their_session(app, mail_sink):
    adviser = make_adviser()
    person, reference = ask_confidentially(app, adviser)
    person.post("/followup/report/notice", data={"address": ADDRESS})
    staff = sign_in_fully(in_english(app.test_client()), adviser)
    mail_sink.messages.clear()  # the "something new" mail of the request itself
    assert staff.post(f"/inbox/{reference}/reply", data={"text": "Ja, dat mag."}).status_code == 302
    notices = [m for m in mail_sink.messages if m["To"] == ADDRESS]
    assert len(notices) == 1
    sent = notices[0]
    assert sent["Subject"] == notice.SUBJECT and sent["From"] == app.config["NOTICE_FROM"]
    text = sent.get_content()
    for revealing in ("Vertrouwd", reference, "Ja, dat mag", "http", "adviser", "vertrouwens"):
        assert revealing not in text and revealing not in sent["From"]
    # Stopped: the address is deleted, and the next reply sends nothing to it.
    assert person.post("/followup/report/notice/stop").status_code == 302
    assert not notice.wanted(Report.get(Report.reference == reference))
    mail_sink.messages.clear()
    staff.post(f"/inbox/{reference}/reply", data={"text": "Nog iets."})
    assert not [m for m in mail_sink.messages if m["To"] == ADDRESS]


def test_the_notice_routes_are_closed_to_anyone_without_the_report(app):
    adviser = make_adviser()
    ask_confidentially(app, adviser)
    stranger = in_english(app.test_client())
    assert stranger.post("/followup/report/notice", data={"address": ADDRESS}).status_code in (
        302,
        404,
    )
    assert stranger.post("/followup/report/notice/stop").status_code in (302, 404)
    assert not ReportKey.select().where(ReportKey.notice.is_null(False)).exists()
    signed_out = app.test_client()
    assert signed_out.post("/my-reports/VW-2026-XXXXXX/notice").status_code in (302, 401, 403)
