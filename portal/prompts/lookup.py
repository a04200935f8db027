"""What the prompt view modules share: finding a prompt for a URL, or a 404."""

from flask import abort

from portal.prompts import library
from portal.prompts.models import Prompt


def prompt_or_404(slug: str) -> Prompt:
    """Return the prompt with this slug; answer 404 when there is none."""
    try:
        return library.find(slug)
    except library.PromptNotFound:
        abort(404)
