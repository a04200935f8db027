"""Packaging beyond pyproject.toml: a wheel that runs on its own.

templates/, static/ and migrations/ stay at the top of the checkout (the project's layout);
the wheel carries copies inside the package as portal/bundled/, where `portal` finds them when
it is installed (portal/__init__.py), and the Dutch catalogue compiled to .mo.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("templates", "static", "migrations")


class BuildWithResources(build_py):
    """Copy the top-level resources into the built package and compile the catalogues."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads them from the checkout
        package = Path(self.build_lib) / "portal"
        shutil.rmtree(package / "bundled", ignore_errors=True)  # nothing left from a former build
        for name in BUNDLED:
            shutil.copytree(
                ROOT / name,
                package / "bundled" / name,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
            )
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in package.glob("**/LC_MESSAGES/*.po"):
            with po.open("rb") as source:
                catalogue = read_po(source)
            with po.with_suffix(".mo").open("wb") as target:
                write_mo(target, catalogue)


setup(cmdclass={"build_py": BuildWithResources})
