"""Issue 21, items 7 and 8: a flood from many addresses slows the flood, never the person with
the right code; references cannot be probed without limit; drafts are never refused because
others filled the total."""

import re

from portal.platform import crypto, throttle
from portal.reports.models import ReportDraft
from tests.conftest import make_adviser
from tests.factories import STEP_DATA, file_through_steps

RECORD_CODE = re.compile(r'<code id="record-code">([A-Z0-9-]+)</code>')


def from_address(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    client.post("/language", data={"locale": "en"})
    return client


def flood(app, addresses: int, per_address: int) -> list[int]:
    """Try wrong codes (cheap: no key derivation) from many addresses; return the statuses."""
    statuses = []
    for n in range(addresses):
        stranger = from_address(app, f"203.0.113.{n}")
        for i in range(per_address):
            door = "/followup/" if i % 2 else "/record-code/open"
            statuses.append(
                stranger.post(door, data={"code": crypto.new_receipt_code()}).status_code
            )
    return statuses


def start_record(app, address: str) -> str:
    """Start a record by code from an address, close it; return its code."""
    client = from_address(app, address)
    code = RECORD_CODE.search(client.post("/record-code/start").get_data(as_text=True)).group(1)
    client.post("/record-code/close")
    return code


def test_a_flood_of_wrong_codes_does_not_stop_the_right_ones(app, monkeypatch):
    waited = []
    monkeypatch.setattr(throttle, "pause", waited.append)
    app.config["RECEIPT_MAX_FAILURES_PER_ADDRESS"] = 5
    app.config["RECEIPT_MAX_FAILURES_GLOBAL"] = 20
    adviser = make_adviser()
    _reference, receipt_code = file_through_steps(from_address(app, "192.0.2.1"), [adviser.id])
    record_code = start_record(app, "192.0.2.2")

    statuses = flood(app, addresses=10, per_address=7)
    slowed, waited[:] = list(waited), []

    # Someone with the right code, from a fresh address, opens at once: no 429, no wait.
    person = from_address(app, "198.51.100.20")
    opened = person.post("/record-code/open", data={"code": record_code})
    assert opened.status_code == 302 and opened.headers["Location"] == "/record-code/record"
    reporter = from_address(app, "198.51.100.21")
    opened = reporter.post("/followup/", data={"code": receipt_code})
    assert opened.status_code == 302 and opened.headers["Location"] == "/followup/report"
    assert waited == []
    # Each stranger's address was refused at its own limit, and past the total every further
    # miss waited: the flood was slowed, not the others.
    assert statuses.count(429) == 10 * 2 and statuses.count(200) == 10 * 5
    assert len(slowed) == 10 * 5 - 20
    assert set(slowed) == {app.config["RECEIPT_SLOWDOWN_SECONDS"]}

    # A mistyped code from a fresh address is slowed, not refused.
    typo = from_address(app, "198.51.100.22").post(
        "/followup/", data={"code": crypto.new_receipt_code()}
    )
    assert typo.status_code == 200 and "No report belongs to this code" in typo.get_data(
        as_text=True
    )
    assert waited == [app.config["RECEIPT_SLOWDOWN_SECONDS"]]


def test_an_unknown_reference_on_the_confirm_step_counts_as_a_wrong_code(app):
    app.config["RECEIPT_MAX_FAILURES_PER_ADDRESS"] = 5
    prober = from_address(app, "198.51.100.30")
    statuses = [
        prober.post(
            "/report/confirm",
            data={"reference": f"M-2026-{n:04d}", "code": "X", "typed": "X"},
        ).status_code
        for n in range(8)
    ]
    assert statuses[:5] == [400] * 5 and statuses[5:] == [429] * 3
    # The same budget as opening with a code.
    assert prober.post("/followup/", data={"code": crypto.new_receipt_code()}).status_code == 429


FULL = "could not be kept as a draft"


def post_big_draft(app, address: str) -> str:
    """Post an incidents step carrying about 0.4 MB (too long to pass, but kept as a draft)."""
    data = {**STEP_DATA["incidents"], "incidents-0-description": "B" * 400_000, "action": "next"}
    return (
        from_address(app, address).post("/report/step/incidents", data=data).get_data(as_text=True)
    )


def test_a_draft_within_its_address_share_is_kept_when_others_filled_the_total(app):
    app.config["DRAFTS_MAX_MB_PER_ADDRESS"] = 1
    app.config["DRAFTS_MAX_MB_TOTAL"] = 1
    # Someone fills the total from one address (within that address's share) ...
    assert FULL not in post_big_draft(app, "192.0.2.60")
    assert FULL not in post_big_draft(app, "192.0.2.60")
    # ... and a person at another address, within their own share, is still kept.
    assert FULL not in post_big_draft(app, "192.0.2.61")
    # The total still holds: the address holding the most gave way.
    stored = sum(row.size for row in ReportDraft.select())
    assert stored <= app.config["DRAFTS_MAX_MB_TOTAL"] * 1024 * 1024
    assert ReportDraft.select().count() == 2


def test_waiting_misses_hold_at_most_the_slow_lane(app, monkeypatch):
    waited = []
    monkeypatch.setattr(throttle, "pause", waited.append)
    app.config["RECEIPT_MAX_FAILURES_GLOBAL"] = 0  # every miss is past the total
    busy = [throttle._slow_lane.acquire(blocking=False) for _ in range(throttle.SLOW_LANE)]
    try:
        assert all(busy)
        # The lane is full: the miss is answered at once, not held on a thread.
        stranger = from_address(app, "203.0.113.200")
        miss = stranger.post("/followup/", data={"code": crypto.new_receipt_code()})
        assert miss.status_code == 200 and waited == []
    finally:
        for _ in busy:
            throttle._slow_lane.release()
    stranger.post("/followup/", data={"code": crypto.new_receipt_code()})
    assert waited == [app.config["RECEIPT_SLOWDOWN_SECONDS"]]
