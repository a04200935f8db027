"""Serve the portal with gunicorn, without access logs (they would record addresses)."""

import os
from collections.abc import Callable

from gunicorn.app.base import BaseApplication


class PortalServer(BaseApplication):
    def __init__(self, factory: Callable, options: dict):
        self.factory = factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.factory()


# Threads a worker: the key-derivation gate (portal/platform/kdf_gate.py) lets at most eight of them
# run or wait for an Argon2 derivation (by default), so at least four always serve the other
# pages. A waiting thread costs a little memory and no CPU.
THREADS = 12


# A Unix socket path may not be longer than this (sun_path holds 108 bytes).
MAX_SOCKET_PATH = 100


def control_options(instance: str | None) -> dict:
    """gunicorn's control socket in the instance folder (not ~/.gunicorn), or none at all."""
    path = os.path.join(instance, "gunicorn.ctl") if instance else ""
    if path and len(path.encode()) <= MAX_SOCKET_PATH:
        return {"control_socket": path, "control_socket_mode": 0o600}
    return {"control_socket_disable": True}


def run(factory: Callable, host: str, port: int, workers: int, instance: str | None = None) -> None:
    """Run gunicorn in the foreground until stopped."""
    PortalServer(
        factory,
        {
            **control_options(instance),
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": THREADS,
            "accesslog": None,  # no request lines: they hold IP addresses and user agents
            "errorlog": "-",
            "loglevel": "info",
            "timeout": 60,
            "graceful_timeout": 10,
            "forwarded_allow_ips": "127.0.0.1",
        },
    ).run()
