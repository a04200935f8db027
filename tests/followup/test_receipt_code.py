"""The reporter's door by receipt code, through the pages (in English): open with the code,
a wrong code refused and throttled, a message, withdrawing, and closing ending access."""

import pytest

from portal.reports.models import Message, Report
from portal.reports.status import Status
from tests.conftest import make_adviser, sign_in_fully
from tests.factories import file_report, in_english

TEXT = "FOLLOWUP-TEST: he keeps mocking my accent in the stand-up."


@pytest.fixture
def filed(app):
    adviser = make_adviser()
    return file_report([adviser.id], text=TEXT), adviser


@pytest.fixture
def reporter(app, filed):
    """A browser that opened the report with its receipt code."""
    client = in_english(app.test_client())
    opened = client.post("/followup/", data={"code": filed[0].receipt_code})
    assert opened.status_code == 302 and opened.headers["Location"] == "/followup/report"
    return client


def test_the_receipt_code_opens_the_report(reporter, filed):
    response = reporter.get("/followup/report")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Your report" in page and filed[0].report.reference in page
    assert TEXT in page and "What you reported" in page
    assert "No adviser has opened your report yet." in page
    assert "no-store" in response.headers["Cache-Control"]


def test_the_code_is_read_without_dashes_spaces_or_capitals(app, filed):
    typed = " " + "-".join(filed[0].receipt_code.lower().replace("-", "")) + " "
    client = in_english(app.test_client())
    assert client.post("/followup/", data={"code": typed}).status_code == 302


def test_a_wrong_code_is_refused(app, filed):
    client = in_english(app.test_client())
    response = client.post("/followup/", data={"code": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    assert response.status_code == 200
    assert "No report belongs to this code. Check it and try again." in response.get_data(
        as_text=True
    )
    assert client.get("/followup/report").headers["Location"] == "/followup/"
    empty = client.post("/followup/", data={"code": ""}).get_data(as_text=True)
    assert "Fill in your receipt code." in empty


def test_wrong_codes_are_throttled_and_then_the_right_one_waits_too(app, filed):
    app.config["RECEIPT_MAX_FAILURES_PER_ADDRESS"] = 3
    client = in_english(app.test_client())
    for _ in range(3):
        assert client.post("/followup/", data={"code": "WRONG-CODE-1234"}).status_code == 200
    refused = client.post("/followup/", data={"code": filed[0].receipt_code})
    assert refused.status_code == 429
    assert "Too many wrong codes were tried" in refused.get_data(as_text=True)
    # Another network is not held up by this one.
    other = in_english(app.test_client())
    opened = other.post(
        "/followup/",
        data={"code": filed[0].receipt_code},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert opened.status_code == 302


def test_the_reporter_writes_to_the_adviser(app, reporter, filed):
    sent = reporter.post("/followup/report/message", data={"text": "I kept the chat messages."})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("#conversation")
    assert "I kept the chat messages." in reporter.get("/followup/report").get_data(as_text=True)
    staff = sign_in_fully(app.test_client(), filed[1])
    workspace = staff.get(f"/inbox/{filed[0].report.reference}").get_data(as_text=True)
    assert "I kept the chat messages." in workspace

    empty = reporter.post("/followup/report/message", data={"text": ""})
    assert empty.status_code == 200
    assert "Write a message." in empty.get_data(as_text=True)


def test_the_reporter_withdraws_the_report(reporter, filed):
    unconfirmed = reporter.post("/followup/report/withdraw", data={})
    assert "Tick the box to confirm that you want to withdraw the report." in (
        unconfirmed.get_data(as_text=True)
    )
    assert Report.get().status == Status.RECEIVED.value

    done = reporter.post("/followup/report/withdraw", data={"confirm": "y"})
    assert done.status_code == 302
    assert Report.get().status == Status.WITHDRAWN.value
    page = reporter.get("/followup/report").get_data(as_text=True)
    assert "<strong>Withdrawn</strong>" in page
    assert "Write to the adviser" not in page and "Withdraw your report" not in page
    # A message posted from a page still open elsewhere is not taken.
    late = reporter.post("/followup/report/message", data={"text": "One more thing."})
    late_page = late.get_data(as_text=True)
    assert "<strong>Withdrawn</strong>" in late_page
    # ... and the page says so, and gives back what was typed.
    assert "Your message was not sent" in late_page and "takes no new messages" in late_page
    assert ">One more thing.</textarea>" in late_page
    assert not Message.select().where(Message.sender == "reporter").exists()


def test_closing_ends_access_in_this_browser(reporter):
    closed = reporter.post("/followup/close")
    assert closed.status_code == 302 and closed.headers["Location"] == "/followup/"
    assert reporter.get("/followup/report").headers["Location"] == "/followup/"
    again = reporter.post("/followup/report/message", data={"text": "after closing"})
    assert again.headers["Location"] == "/followup/"
    assert (
        reporter.post("/followup/report/withdraw", data={"confirm": "y"}).headers["Location"]
        == "/followup/"
    )
    assert not Message.select().where(Message.sender == "reporter").exists()
    assert Report.get().status == Status.RECEIVED.value
