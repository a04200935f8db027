"""The W3C Nu HTML Checker (vnu), as the `vnu-jar` npm package ships it, run with Debian's Java.

`scripts/install test` installs the package (tools/package.json, `npm ci`), and
`scripts/system-packages` installs Java (default-jre-headless) when it is missing. A missing
tool fails the test that needs it, with the command that brings it; it never skips.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools"
JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def java_and_jar() -> tuple[str, Path]:
    java = shutil.which("java")
    if not java:
        pytest.fail(
            "java is missing: the HTML check runs the W3C checker with Debian's Java. "
            "Install it with `scripts/system-packages` (or `apt-get install default-jre-headless`).",
            pytrace=False,
        )
    if not JAR.is_file():
        pytest.fail(
            f"{JAR} is missing: install the W3C checker with `scripts/install test` "
            "(or `npm ci --ignore-scripts --prefix tools`).",
            pytrace=False,
        )
    return java, JAR


def errors(pages: dict[str, str]) -> list[str]:
    """Check every page (a name and its HTML) in one run of the checker; return its errors,
    each as "name:line: message (extract)"."""
    java, jar = java_and_jar()
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        names, paths = {}, []
        for number, (name, html) in enumerate(pages.items()):
            path = Path(folder) / f"page-{number:04d}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
            paths.append(str(path))
        run = subprocess.run(  # noqa: S603 - our own arguments
            [
                java,
                "-jar",
                str(jar),
                "--errors-only",
                "--format",
                "json",
                "--exit-zero-always",
                *paths,
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    try:
        messages = json.loads(run.stderr or run.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the W3C checker did not answer in JSON:\n{run.stderr[-2000:]}", pytrace=False)
    found = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "?")
        name = names.get(url.rsplit("/", 1)[-1], url)
        extract = " ".join(message.get("extract", "").split())[:120]
        found.append(f"{name}:{message.get('lastLine', '?')}: {message['message']} ({extract})")
    return found
