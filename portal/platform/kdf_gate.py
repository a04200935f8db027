"""Bound how many Argon2 key derivations a worker runs at once.

Opening a report with its receipt code costs about 0.1 s of CPU and 64 MiB of memory on
purpose. A gunicorn worker has a few threads; without a bound, ten people opening their
report at the same moment would occupy every thread and every core, and the home page, the
report form and the adviser inbox would queue behind them. So a worker runs at most
`at_once` derivations, lets at most `waiting` more wait a short while for their turn, and
answers anyone beyond that at once with "busy, try again in a few seconds". Their typed
code stays in the form. Filing a report derives a key too: it takes its turn like an opening
but is never turned away for a full queue (it waits up to FILING_WAIT_SECONDS), because a
report must get through.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, has_app_context

FILING_WAIT_SECONDS = 30


class Busy(Exception):
    """Too many derivations are running or waiting in this worker; try again shortly."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


class KdfGate:
    """A per-process admission gate: `at_once` may run, `waiting` more may queue."""

    def __init__(self, at_once: int, waiting: int, wait_seconds: float):
        self.at_once = max(1, at_once)
        self.admitted_max = self.at_once + max(0, waiting)
        self.wait_seconds = wait_seconds
        self._running = threading.BoundedSemaphore(self.at_once)
        self._lock = threading.Lock()
        self._admitted = 0

    @contextmanager
    def turn(self, may_refuse: bool = True) -> Iterator[None]:
        """Run the body when a slot is free; raise Busy when the queue is full or too slow.

        With may_refuse=False (filing) a full queue does not turn the caller away; it waits
        longer for its turn.
        """
        with self._lock:
            if may_refuse and self._admitted >= self.admitted_max:
                raise Busy(self.retry_after)
            self._admitted += 1
        try:
            timeout = self.wait_seconds if may_refuse else FILING_WAIT_SECONDS
            if not self._running.acquire(timeout=timeout):
                raise Busy(self.retry_after)
            try:
                yield
            finally:
                self._running.release()
        finally:
            with self._lock:
                self._admitted -= 1

    @property
    def retry_after(self) -> int:
        return max(1, round(self.wait_seconds))


_gates_lock = threading.Lock()
_script_gate: list[KdfGate] = []
DEFAULTS = {"KDF_AT_ONCE_PER_WORKER": 1, "KDF_WAITING_PER_WORKER": 7, "KDF_WAIT_SECONDS": 10}


def gate() -> KdfGate:
    """The gate of the current app in this process (made on first use, after a fork).

    Outside a request or app context (a script filing through the domain functions) one
    gate with the default settings serves the whole process.
    """
    with _gates_lock:
        if not has_app_context():
            if not _script_gate:
                _script_gate.append(_made_from(DEFAULTS))
            return _script_gate[0]
        extensions = current_app.extensions
        if "kdf_gate" not in extensions:
            extensions["kdf_gate"] = _made_from(current_app.config)
        return extensions["kdf_gate"]


def _made_from(config) -> KdfGate:
    return KdfGate(
        config["KDF_AT_ONCE_PER_WORKER"],
        config["KDF_WAITING_PER_WORKER"],
        config["KDF_WAIT_SECONDS"],
    )
