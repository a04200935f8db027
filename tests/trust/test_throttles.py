"""Issue 11, item 6: throttles that were missing, or that a stranger could turn against a person."""

from datetime import datetime, timedelta

import pyotp

from portal.core.accounts.roles import Role
from portal.platform import crypto, throttle
from portal.platform.clock import utcnow
from portal.reports import drafts
from portal.reports.models import Report, ReportDraft
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in
from tests.factories import STEP_DATA, file_through_steps


def from_address(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    client.post("/language", data={"locale": "en"})
    return client


def test_the_second_step_is_throttled_per_account(app):
    secret = pyotp.random_base32()
    make_person(email="hr@example.test", roles=[Role.HR], totp_secret=secret)
    client = from_address(app, "10.0.0.1")
    sign_in(client, "hr@example.test")
    totp = pyotp.TOTP(secret)
    wrong = f"{(int(totp.now()) + 1) % 1_000_000:06d}"
    statuses = [client.post("/second-factor", data={"code": wrong}).status_code for _ in range(8)]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429] * 3
    right = client.post("/second-factor", data={"code": totp.now()})
    assert right.status_code == 429
    assert "Too many wrong codes" in right.get_data(as_text=True)


def test_a_stranger_cannot_lock_a_person_out(app, monkeypatch):
    waited = []
    monkeypatch.setattr(throttle, "pause", waited.append)
    make_person(email="sanne@example.test")
    for n in range(6):
        stranger = from_address(app, f"203.0.113.{n}")
        for _ in range(6):
            sign_in(stranger, "sanne@example.test", "wrong password!!")
    # The stranger's own addresses are refused for this account ...
    assert sign_in(stranger, "sanne@example.test", PASSWORD).status_code == 429
    # ... but Sanne, from her own address, gets in: slowed down, never locked.
    sanne = from_address(app, "10.1.2.3")
    assert sign_in(sanne, "sanne@example.test", PASSWORD).status_code == 302
    assert waited and max(waited) <= app.config["SIGNIN_SLOWDOWN_SECONDS"]


def test_confirming_a_receipt_code_is_throttled_like_followup(app):
    adviser = make_adviser()
    reference, _code = file_through_steps(app.test_client(), [adviser.id])
    app.config["RECEIPT_MAX_FAILURES_PER_ADDRESS"] = 5
    client = from_address(app, "198.51.100.7")
    statuses = [
        client.post(
            "/report/confirm",
            data={"reference": reference, "code": crypto.new_receipt_code(), "typed": "x"},
        ).status_code
        for _ in range(8)
    ]
    assert statuses[:5] == [400] * 5 and statuses[5:] == [429] * 3
    # The same counter guards opening with a code.
    assert client.post("/followup/", data={"code": _code}).status_code == 429


def test_filing_is_throttled_per_address_and_the_draft_is_kept(app):
    adviser = make_adviser()
    app.config["REPORTS_MAX_PER_ADDRESS"] = 2
    client = from_address(app, "192.0.2.44")
    file_through_steps(client, [adviser.id])
    file_through_steps(client, [adviser.id])
    overrides = {"incidents": {"incidents-0-description": "THIRD REPORT TEXT"}}
    try:
        file_through_steps(client, [adviser.id], overrides)
    except AssertionError:
        pass
    else:
        raise AssertionError("a third report was filed from the same address")
    assert Report.select().count() == 2
    review = client.get("/report/review")
    page = review.get_data(as_text=True)
    assert "THIRD REPORT TEXT" in page
    assert "no more can be sent from it until tomorrow" in page
    # Another address may still file.
    file_through_steps(from_address(app, "192.0.2.45"), [adviser.id])
    assert Report.select().count() == 3


FULL = "could not be kept as a draft"


def post_big_draft(app, address: str) -> str:
    """Post an incidents step carrying about 0.4 MB (too long to pass, but kept as a draft)."""
    data = {**STEP_DATA["incidents"], "incidents-0-description": "B" * 400_000, "action": "next"}
    return (
        from_address(app, address).post("/report/step/incidents", data=data).get_data(as_text=True)
    )


def test_draft_storage_is_capped_per_address(app):
    app.config["DRAFTS_MAX_MB_PER_ADDRESS"] = 1
    assert FULL not in post_big_draft(app, "192.0.2.50")
    assert FULL not in post_big_draft(app, "192.0.2.50")
    assert FULL in post_big_draft(app, "192.0.2.50")
    assert ReportDraft.select().count() == 2
    # Someone at another address is not affected by the first one's share.
    assert FULL not in post_big_draft(app, "192.0.2.51")
    assert ReportDraft.select().count() == 3


def test_draft_storage_is_capped_in_total(app):
    app.config["DRAFTS_MAX_MB_TOTAL"] = 1
    pages = [post_big_draft(app, f"192.0.2.{n}") for n in range(60, 64)]
    assert [FULL in page for page in pages] == [False, False, True, True]
    assert ReportDraft.select().count() == 2


def test_expired_drafts_are_purged_on_write_and_by_the_daily_job(app):
    from click.testing import CliRunner

    from portal.ops import cli

    past = datetime(2020, 1, 1)
    ReportDraft.create(token_digest="old-1", expires_at=past, content=b"x" * 10, size=10)
    client = from_address(app, "192.0.2.70")
    data = {**STEP_DATA["kind"], "action": "next"}
    client.post("/report/step/kind", data=data)
    assert not ReportDraft.select().where(ReportDraft.token_digest == "old-1").exists()

    ReportDraft.create(token_digest="old-2", expires_at=past, content=b"x", size=1)
    import pytest

    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(cli, "build_app", lambda demo=False: app)
    try:
        result = CliRunner().invoke(cli.main, ["retention", "run"])
    finally:
        monkeypatch.undo()
    assert result.exit_code == 0, result.output
    assert "purged 1 expired drafts" in result.output
    assert ReportDraft.select().count() == 1


def test_a_draft_expires_at_a_midnight(app):
    token = None
    with app.test_request_context():
        token = drafts.save(None, {"a": 1}, "192.0.2.80")
    row = ReportDraft.get()
    assert row.expires_at.time() == datetime.min.time()
    assert row.expires_at > utcnow() + timedelta(hours=24)
    assert token
