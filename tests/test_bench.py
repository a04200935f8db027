"""The benchmark scripts stay runnable: each starts and explains itself (they run outside CI)."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
SCRIPTS = [
    "crash.py",
    "generate.py",
    "inbox.py",
    "record.py",
    "reporting.py",
    "scenarios.py",
    "soak.py",
    "yearly.py",
]


@pytest.mark.parametrize("script", SCRIPTS)
def test_bench_script_starts_and_explains_itself(script):
    result = subprocess.run(
        [sys.executable, str(BENCH / script), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "usage:" in result.stdout and "bench/" in result.stdout


def test_every_bench_script_is_listed():
    found = sorted(p.name for p in BENCH.glob("*.py") if "__main__" in p.read_text())
    assert found == SCRIPTS
