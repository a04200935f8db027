"""Walking a report through the step form, as data: each step and what its form posts.

Tests (tests/factories.py) and the benchmarks (bench/load.py, bench/reporting.py) file reports
through the pages with it, each with its own client. Plain dicts, no web code.
"""

from collections.abc import Iterable

STEPS = ("kind", "incidents", "wishes", "evidence", "mode", "advisers")

# An anonymous bullying report with one incident, asking for advice.
STEP_DATA: dict[str, dict] = {
    "kind": {"category": "bullying"},
    "incidents": {
        "incidents-0-description": "He shouted at me in the team room.",
        "ongoing": "yes",
    },
    "wishes": {"wishes": ["advice"]},
    "evidence": {},
    "mode": {"mode": "anonymous"},
}


def path(step: str) -> str:
    """Return the address of a step's page."""
    return f"/report/step/{step}"


def steps(
    advisers: Iterable[int | str], overrides: dict[str, dict] | None = None
) -> list[tuple[str, dict]]:
    """Return every step with the data it posts ("next" pressed), to these advisers."""
    overrides = overrides or {}
    data = {**STEP_DATA, "advisers": {"advisers": [str(a) for a in advisers]}}
    return [(step, {**data[step], **overrides.get(step, {}), "action": "next"}) for step in STEPS]
