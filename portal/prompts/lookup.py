"""What the prompt view modules (and the today page) share: finding a prompt for a URL, or a
404; the organisation's prompt of a month."""

from flask import abort

from portal.platform import published
from portal.prompts import library, schedule
from portal.prompts.models import Prompt


def prompt_or_404(slug: str) -> Prompt:
    """Return the prompt with this slug; answer 404 when there is none."""
    try:
        return library.find(slug)
    except library.PromptNotFound:
        abort(404)


def organisation_prompt(month) -> schedule.Planned:
    """The organisation's prompt of a month (kept per worker: published content)."""
    return published.kept(
        ("organisation_plan", month), lambda: schedule.organisation_plan([month])[month]
    )
