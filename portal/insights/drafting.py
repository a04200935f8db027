"""What the draft pages share: the adviser's key, the threshold, the draft and its page."""

from datetime import date

from flask import abort, current_app, render_template
from flask_login import current_user

from portal.core.accounts import sessions
from portal.insights import activities, presentation, sections, signing, yearly
from portal.insights.forms import (
    NarrativeForm,
    PublishForm,
    SignForm,
    context_form,
    followups_form,
    recommendations_form,
)


def private_key() -> bytes | None:
    return sessions.vault_secret(current_user, "private_key")


def min_cell() -> int:
    return current_app.config["INSIGHTS_MIN_CELL"]


def year_or_404(year: int) -> int:
    if not 2000 <= year <= date.today().year:
        abort(404)
    return year


def draft_texts(year: int) -> dict | None:
    """Return the year's draft for the signed-in adviser, or None while it is sealed to others."""
    try:
        return yearly.open_draft(year, current_user, private_key())
    except yearly.DraftLocked:
        return None


def signing_rows(year: int, texts: dict) -> list[dict]:
    """The listed advisers, each with the day they signed (None: not yet)."""
    signed = signing.signatures(year)
    return [
        {**row, "signed_on": signed.get(row["person_id"])}
        for row in sections.adviser_rows(texts)
        if row["listed"]
    ]


def render_draft(year: int, texts: dict | None, status: int = 200, **forms):
    """Render the draft page; forms given (with their errors and what was typed) replace the
    fresh ones."""
    locked = texts is None
    texts = texts or {}
    advisers = sections.adviser_rows(texts)
    followups = sections.followup_rows(year, texts)
    prepared = yearly.prepare(year, date.today(), min_cell())
    snap = prepared.snap
    rows = signing_rows(year, texts)
    page = render_template(
        "insights/draft.html",
        year=year,
        form=forms.get("form") or NarrativeForm(data=texts),
        locked=locked,
        snap=snap,
        refusal=presentation.refusal_texts(prepared.moved, prepared.uncompared, min_cell()),
        hidden=yearly.hidden_cells(snap),
        publish_form=PublishForm(),
        published_before=any(r.year == year for r in yearly.published_list()),
        context_form=forms.get("context_form") or context_form(advisers, texts),
        advisers=advisers,
        recommendations=texts.get("recommendation_list") or [],
        recommendations_form=forms.get("recommendations_form")
        or recommendations_form(texts.get("recommendation_list") or []),
        followups=followups,
        followups_form=forms.get("followups_form") or followups_form(followups),
        activity_counts=activities.counts(year),
        signers=rows,
        i_am_listed=any(r["person_id"] == current_user.id for r in rows),
        i_signed=any(r["person_id"] == current_user.id and r["signed_on"] for r in rows),
        sign_form=SignForm(),
    )
    return page, status
