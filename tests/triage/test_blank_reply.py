"""An adviser's reply of only blank lines: the page again, with a message (#22)."""

from portal.reports.models import Message
from tests.conftest import make_adviser, sign_in_fully
from tests.factories import file_report


def test_a_reply_of_blank_lines_shows_the_page_again_with_a_message(app):
    adviser = make_adviser()
    filed = file_report([adviser.id], category="violation", text="Invoices are being faked.")
    reference = filed.report.reference
    staff = sign_in_fully(app.test_client(), adviser)
    staff.post("/language", data={"locale": "en"})
    before = Message.select().count()
    response = staff.post(f"/inbox/{reference}/reply", data={"text": "\r\n   \r\n\r\n"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page and "Write a message." in page
    assert f'action="/inbox/{reference}/reply"' in page
    assert Message.select().count() == before
