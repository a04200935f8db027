"""The OpenID Connect provider the tests sign in through: node-oidc-provider (a certified
implementation, pinned in tests/oidc/provider/package.json and installed by
`scripts/install test`), started on a loopback port with keys the test makes.

`Provider.sign_in(authorize_url, subject)` plays the person at the provider's own sign-in
pages (its development pages accept any login name, which becomes the subject) and returns the
URL the provider sends the browser back to."""

import json
import os
import re
import shutil
import socket
import subprocess
import time
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import requests
from joserfc.jwk import RSAKey

FOLDER = Path(__file__).resolve().parent / "provider"
CLIENT_ID = "vertrouwd-portal"
CLIENT_SECRET = "a-client-secret-for-the-tests-only-0123456789"  # noqa: S105


def missing() -> str | None:
    """Say what is missing to start the provider, and how to get it."""
    if not shutil.which("node"):
        return "Node.js is missing: run scripts/system-packages (Debian's nodejs), then scripts/install test"
    if not (FOLDER / "node_modules" / "oidc-provider").is_dir():
        return "oidc-provider is not installed: run scripts/install test (npm ci in tests/oidc/provider)"
    return None


def new_keys(kid: str) -> dict:
    """A signing key set of one RSA key, private parts included (the provider's to keep)."""
    key = RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})
    return {"keys": [key.as_dict(private=True)]}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    def __init__(self, redirect_uri: str, post_logout_uri: str, log: Path):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.redirect_uri = redirect_uri
        self.post_logout_uri = post_logout_uri
        self.log = log
        self.process: subprocess.Popen | None = None
        self.keys = new_keys("first")

    def start(self, clock_offset: int = 0) -> None:
        env = {
            **os.environ,
            "OIDC_PORT": str(self.port),
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_REDIRECT_URI": self.redirect_uri,
            "OIDC_POST_LOGOUT_URI": self.post_logout_uri,
            "OIDC_JWKS": json.dumps(self.keys),
            "OIDC_CLOCK_OFFSET": str(clock_offset),
        }
        output = self.log.open("a")
        self.process = subprocess.Popen(  # noqa: S603
            ["node", str(FOLDER / "provider.mjs")],  # noqa: S607
            cwd=FOLDER,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the provider stopped:\n{self.log.read_text()[-2000:]}")
            try:
                requests.get(self.issuer + "/.well-known/openid-configuration", timeout=2)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("the provider did not start within 30 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def restart(self, *, new_key: str | None = None, clock_offset: int = 0) -> None:
        """Start again: with a new signing key (the old one no longer published: a rotation),
        or with its clock off by some seconds."""
        self.stop()
        if new_key:
            self.keys = new_keys(new_key)
        self.start(clock_offset)

    def requests_seen(self) -> int:
        """How many requests reached the provider (it writes one line per request)."""
        return self.log.read_text().count("request ")

    def sign_in(self, authorize_url: str, subject: str) -> str:
        """Play the person at the provider, in a browser of their own, until it sends the
        browser back to the portal. The browser keeps every cookie the provider sets, whatever
        its expiry says: a browser whose clock agrees with the provider's (see restart)."""
        cookies: dict[str, str] = {}
        url, method, data = authorize_url, "GET", None
        for _step in range(12):
            header = "; ".join(f"{name}={value}" for name, value in cookies.items())
            response = requests.request(
                method,
                url,
                data=data,
                headers={"Cookie": header} if header else {},
                allow_redirects=False,
                timeout=10,
            )
            for raw in response.raw.headers.getlist("Set-Cookie"):
                name, _, rest = raw.partition("=")
                cookies[name.strip()] = rest.split(";", 1)[0]
            location = response.headers.get("Location")
            if location:
                url, method, data = urljoin(url, location), "GET", None
                if url.startswith(self.redirect_uri):
                    return url
                continue
            form = re.search(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', response.text, re.S)
            if not form:
                raise AssertionError(
                    f"no form at {url}: {response.status_code} {response.text[:500]}"
                )
            fields = {}
            for tag in re.findall(r"<input[^>]*>", form.group(2)):
                name, value = re.search(r'name="([^"]*)"', tag), re.search(r'value="([^"]*)"', tag)
                if name:
                    fields[name.group(1)] = unescape(value.group(1)) if value else ""
            if "login" in fields:
                fields.update(login=subject, password="anything")
            url, method, data = urljoin(url, unescape(form.group(1))), "POST", fields
        raise AssertionError("the provider did not send the browser back")
