"""Bound how many Argon2 key derivations a worker runs at once.

Opening a report with its receipt code costs about 0.1 s of CPU and 64 MiB of memory on
purpose. A gunicorn worker has a few threads; without a bound, ten people opening their
report at the same moment would occupy every thread and every core, and the home page, the
report form and the adviser inbox would queue behind them. So a worker runs at most
`at_once` derivations, lets at most `waiting` more wait a short while for their turn, and
answers anyone beyond that at once with "busy, try again in a few seconds". Their typed
code stays in the form.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app


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
    def turn(self) -> Iterator[None]:
        """Run the body when a slot is free; raise Busy when the queue is full or too slow."""
        with self._lock:
            if self._admitted >= self.admitted_max:
                raise Busy(self.retry_after)
            self._admitted += 1
        try:
            if not self._running.acquire(timeout=self.wait_seconds):
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


_gates: dict[int, KdfGate] = {}
_gates_lock = threading.Lock()


def gate() -> KdfGate:
    """The gate of the current app in this process (made on first use, after a fork)."""
    app = current_app._get_current_object()
    with _gates_lock:
        found = _gates.get(id(app))
        if found is None:
            config = app.config
            found = _gates[id(app)] = KdfGate(
                config["KDF_AT_ONCE_PER_WORKER"],
                config["KDF_WAITING_PER_WORKER"],
                config["KDF_WAIT_SECONDS"],
            )
        return found
