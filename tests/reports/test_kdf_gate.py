"""Receipt openings are Argon2-bound: a worker runs only a few at once and turns the rest away."""

import threading
import time

import pytest

from portal.platform import kdf_gate
from portal.reports.models import Report
from tests.conftest import make_adviser, sign_in_fully
from tests.factories import file_through_steps


def hold(gate: kdf_gate.KdfGate, count: int) -> tuple[threading.Event, list[threading.Thread]]:
    """Occupy `count` places in the gate from other threads until the event is set."""
    inside, release = threading.Semaphore(0), threading.Event()

    def occupant():
        with gate.turn():
            inside.release()
            release.wait(10)

    threads = [threading.Thread(target=occupant) for _ in range(count)]
    for thread in threads:
        thread.start()
        assert inside.acquire(timeout=5)
    return release, threads


def test_gate_runs_at_once_and_queues_the_waiting_then_refuses():
    gate = kdf_gate.KdfGate(at_once=2, waiting=1, wait_seconds=5)
    release, threads = hold(gate, 2)
    waited = []

    def wait_for_a_turn():
        with gate.turn():
            waited.append(True)

    waiter = threading.Thread(target=wait_for_a_turn)
    waiter.start()
    time.sleep(0.1)  # let it take its place in the queue
    # Two run and one waits: the fourth is turned away at once, not after a timeout.
    with pytest.raises(kdf_gate.Busy) as busy, gate.turn():
        pass
    assert busy.value.retry_after == 5
    release.set()
    for thread in threads:
        thread.join()
    waiter.join(5)
    assert waited == [True]  # the waiting one got its turn once a slot was free


def test_gate_gives_up_waiting_after_its_time():
    gate = kdf_gate.KdfGate(at_once=1, waiting=1, wait_seconds=0.2)
    release, threads = hold(gate, 1)
    with pytest.raises(kdf_gate.Busy), gate.turn():
        pass
    release.set()
    threads[0].join()
    with gate.turn():  # free again: places are given back after a refusal too
        pass
    assert gate._admitted == 0


def test_a_busy_worker_answers_503_in_the_persons_language_and_keeps_the_code(app):
    app.config.update(KDF_AT_ONCE_PER_WORKER=1, KDF_WAITING_PER_WORKER=0, KDF_WAIT_SECONDS=5)
    adviser = make_adviser()
    _reference, code = file_through_steps(app.test_client(), [adviser.id])
    client = app.test_client()
    with app.app_context():
        gate = kdf_gate.gate()
    release, threads = hold(gate, 1)
    try:
        busy = client.post("/followup/", data={"code": code})
        client.post("/language", data={"locale": "en"})
        busy_en = client.post("/followup/", data={"code": code})
    finally:
        release.set()
        threads[0].join()
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "5"
    assert "Er worden nu veel meldingen geopend" in busy.get_data(as_text=True)
    assert busy_en.status_code == 503
    page = busy_en.get_data(as_text=True)
    assert "Many reports are being opened at this moment" in page
    assert f'value="{code}"' in page  # what was typed is not lost
    assert client.post("/followup/", data={"code": code}).status_code == 302


def test_filing_waits_for_its_turn_even_when_the_queue_is_full():
    gate = kdf_gate.KdfGate(at_once=1, waiting=0, wait_seconds=5)
    release, threads = hold(gate, 1)
    filed = []

    def file_a_report():
        with gate.turn(may_refuse=False):
            filed.append(True)

    filer = threading.Thread(target=file_a_report)
    filer.start()
    time.sleep(0.1)
    assert filed == []  # waiting for the derivation under way, not refused
    with pytest.raises(kdf_gate.Busy), gate.turn():  # an opening now finds the queue full
        pass
    release.set()
    threads[0].join()
    filer.join(5)
    assert filed == [True]


def test_filing_that_gets_no_turn_keeps_the_draft_and_says_so(app, monkeypatch):
    monkeypatch.setattr(kdf_gate, "FILING_WAIT_SECONDS", 0.2)
    adviser = make_adviser()
    client = app.test_client()
    client.post("/language", data={"locale": "en"})
    with app.app_context():
        gate = kdf_gate.gate()
    release, threads = hold(gate, 1)
    try:
        with pytest.raises(AssertionError):  # the helper expects 201 from /report/send
            file_through_steps(client, [adviser.id])
        review = client.get("/report/review")
    finally:
        release.set()
        threads[0].join()
    page = review.get_data(as_text=True)
    assert "your report has not been sent yet. Nothing is lost" in page
    assert "He shouted at me in the team room." in page  # the draft is all there
    assert Report.select().count() == 0
    sent = client.post("/report/send")
    assert sent.status_code == 201 and Report.select().count() == 1


def test_oral_report_that_gets_no_turn_keeps_what_the_adviser_typed(app, monkeypatch):
    monkeypatch.setattr(kdf_gate, "FILING_WAIT_SECONDS", 0.2)
    adviser = make_adviser()
    staff = sign_in_fully(app.test_client(), adviser)
    with app.app_context():
        gate = kdf_gate.gate()
    release, threads = hold(gate, 1)
    data = {
        "category": "aggression",
        "mode": "anonymous",
        "description": "Told by phone: pushed in the corridor.",
    }
    try:
        busy = staff.post("/inbox/oral", data=data)
    finally:
        release.set()
        threads[0].join()
    page = busy.get_data(as_text=True)
    assert busy.status_code == 503
    assert "Told by phone: pushed in the corridor." in page
    assert "Er is nu veel drukte" in page or "It is very busy" in page
    assert staff.post("/inbox/oral", data=data).status_code == 201
