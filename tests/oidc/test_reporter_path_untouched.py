"""The anonymous reporter's path never touches the provider, even when sign-in through it is
on: no request reaches the provider, no page links or redirects to it, no cookie but the
portal's own is set, while a report is filed and followed up with its receipt code."""

from tests.conftest import make_adviser
from tests.factories import file_through_steps


def test_filing_and_following_up_never_reach_the_provider(app, provider):
    seen = []

    @app.after_request
    def keep(response):
        seen.append(response)
        return response

    adviser = make_adviser()
    before = provider.requests_seen()
    reporter = app.test_client()
    for path in ("/", "/guide/", "/report/"):
        assert reporter.get(path, follow_redirects=True).status_code == 200
    reference, code = file_through_steps(reporter, [adviser.id])
    follower = app.test_client()
    assert follower.post("/followup/", data={"code": code}).status_code == 302
    page = follower.get("/followup/report")
    assert reference in page.get_data(as_text=True)
    follower.post("/followup/report/message", data={"text": "Nog een vraag."})

    assert provider.requests_seen() == before
    assert len(seen) > 10
    for response in seen:
        body = response.get_data(as_text=True) if not response.direct_passthrough else ""
        assert provider.issuer not in body and "/sign-in/provider" not in body
        assert provider.issuer not in response.headers.get("Location", "")
        assert "/sign-in/provider" not in response.headers.get("Location", "")
        for cookie in response.headers.getlist("Set-Cookie"):
            assert cookie.split("=", 1)[0] in {"vertrouwd", "vertrouwd_followup", "report_draft"}, (
                cookie
            )
