"""scripts/system-packages (called by scripts/test): installs Debian's Chromium itself, as root
directly or through sudo, and otherwise names the one command to run. apt-get, sudo and id are
stand-ins here that record what they were asked."""

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "system-packages"


@pytest.fixture
def machine(tmp_path):
    """A PATH whose apt-get, sudo and id are stand-ins; returns a runner and the call log."""
    bin_dir, calls = tmp_path / "bin", tmp_path / "calls"
    bin_dir.mkdir()
    stubs = {
        "apt-get": f'echo "apt-get $*" >> {calls}',
        "sudo": f'echo "sudo $1" >> {calls}; "$@"',
        "id": 'echo "${FAKE_UID:-0}"',
    }
    for name, body in stubs.items():
        stub = bin_dir / name
        stub.write_text(f"#!/bin/sh\n{body}\n")
        stub.chmod(0o755)

    def run(
        uid: int,
        chromium: str = "/nonexistent/chromium",
        sudo: str = "sudo",
        java: str = "sh",
        npm: str = "sh",
    ):
        env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
        env.update(
            PATH=f"{bin_dir}:{os.environ['PATH']}",
            FAKE_UID=str(uid),
            CHROMIUM=chromium,
            JAVA=java,
            NPM=npm,
            SUDO=sudo if sudo != "sudo" else str(bin_dir / "sudo"),
        )
        done = subprocess.run(  # noqa: S603
            [str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        log = calls.read_text().splitlines() if calls.exists() else []
        return done, log

    return run


def test_root_installs_chromium_with_apt_get(machine):
    done, log = machine(uid=0)
    assert done.returncode == 0, done.stderr
    assert log == ["apt-get update -qq", "apt-get install -y -qq chromium"]


def test_another_user_goes_through_sudo(machine):
    done, log = machine(uid=1000)
    assert done.returncode == 0, done.stderr
    assert log == [
        "sudo env",
        "apt-get update -qq",
        "sudo env",
        "apt-get install -y -qq chromium",
    ]


def test_without_root_or_sudo_it_names_the_one_command(machine):
    done, log = machine(uid=1000, sudo="/nonexistent/sudo")
    assert done.returncode == 1 and log == []
    assert f"su -c '{SCRIPT}'" in done.stderr


def test_nothing_is_installed_when_chromium_is_there(machine):
    done, log = machine(uid=1000, chromium="/bin/sh", sudo="/nonexistent/sudo")
    assert done.returncode == 0 and log == [], done.stderr


def test_java_node_and_npm_for_the_html_check_and_the_provider_are_installed_when_missing(
    machine,
):
    done, log = machine(uid=0, chromium="/bin/sh", java="/nonexistent/java", npm="/nonexistent/npm")
    assert done.returncode == 0, done.stderr
    assert log == ["apt-get update -qq", "apt-get install -y -qq default-jre-headless nodejs npm"]
