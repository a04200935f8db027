"""The built wheel, installed outside the checkout, serves the demo (about a minute).

Builds the wheel from this checkout, installs it with its dependencies into a fresh virtual
environment in a temporary folder, and starts `portal serve --demo` from there: templates,
static files, migrations and the compiled catalogue must all come from the installed package.
Needs the package registry (or pip's cache) for the build tools and the dependencies.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.wheel

CHECKOUT = Path(__file__).resolve().parent.parent
START_SECONDS = 120


def run(command: list[str], what: str, timeout: int, cwd: Path) -> None:
    """Run a step; on failure, say which step and show the end of its output."""
    try:
        done = subprocess.run(  # noqa: S603 - our own commands
            command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} took longer than {timeout} s: {' '.join(command)}", pytrace=False)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-30:])
        pytest.fail(f"{what} failed ({' '.join(command)}):\n{tail}", pytrace=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server
        return response.status, response.read().decode("utf-8", "replace")


def test_the_installed_wheel_serves_the_demo(tmp_path):
    dist, venv, workdir = tmp_path / "dist", tmp_path / "venv", tmp_path / "elsewhere"
    workdir.mkdir()
    assert CHECKOUT not in tmp_path.parents, "the test must install outside the checkout"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(CHECKOUT)],
        "building the wheel",
        300,
        workdir,
    )
    wheels = list(dist.glob("vertrouwd-*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {dist}: {wheels}"
    run([sys.executable, "-m", "venv", str(venv)], "making a virtual environment", 120, workdir)
    python = venv / "bin" / "python"
    run(
        [str(python), "-m", "pip", "install", "-q", str(wheels[0])],
        "installing the wheel with its dependencies",
        600,
        workdir,
    )
    where = subprocess.run(  # noqa: S603
        [
            str(python),
            "-c",
            "import portal.platform.settings; print(portal.platform.settings.RESOURCES)",
        ],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(str(venv)), f"portal found its files in {where}, not in the venv"

    instance = workdir / "instance"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "DATABASE_URL"))}
    env.pop("SECRET_KEY", None)
    env["PORTAL_INSTANCE"] = str(instance)
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(  # noqa: S603
            [
                str(venv / "bin" / "portal"),
                "serve",
                "--demo",
                "--port",
                str(port),
                "--workers",
                "1",
            ],
            cwd=workdir,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                status, html = get(base + "/")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"`portal serve --demo` from the wheel did not answer on {base}/ "
                        f"within {START_SECONDS} s; its log ends:\n"
                        + "\n".join(log.read_text(errors="replace").splitlines()[-30:]),
                        pytrace=False,
                    )
                time.sleep(0.5)
        assert status == 200 and "Vertrouwd" in html
        assert 'lang="nl"' in html and "Inloggen" in html  # templates and the compiled catalogue
        assert get(base + "/static/css/portal.css")[0] == 200
        assert get(base + "/sign-in")[0] == 200
        assert (instance / "gunicorn.ctl").exists(), "gunicorn's control socket is not kept here"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
