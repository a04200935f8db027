"""The adviser's draft of a year's report: texts, context, recommendations, signing, publishing."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts.roles import Role
from portal.insights import presentation, sections, signing, yearly
from portal.insights.blueprint import bp
from portal.insights.drafting import (
    draft_texts,
    min_cell,
    private_key,
    render_draft,
    year_or_404,
)
from portal.insights.forms import (
    NarrativeForm,
    PublishForm,
    SignForm,
    context_form,
    followups_form,
    recommendations_form,
)
from portal.web import access


def _open(year: int) -> dict:
    """Return the year's draft, or answer 409 while it is sealed to the other advisers."""
    year_or_404(year)
    texts = draft_texts(year)
    if texts is None:
        abort(409)
    return texts


def _saved(year: int, changes: dict, anchor: str):
    """Save the changes to the draft; say so, and whose signatures the change withdrew."""
    try:
        withdrawn = yearly.save_draft(year, current_user, private_key(), changes)
    except yearly.DraftLocked:
        abort(409)
    flash(_("Saved. The other advisers can read and change it."), "success")
    if withdrawn:
        flash(
            _(
                "The draft changed, so the signatures are withdrawn (%(names)s). Every listed adviser signs again.",
                names=", ".join(withdrawn),
            ),
            "warning",
        )
    return redirect(url_for("insights.draft", year=year) + anchor)


@bp.route("/<int:year>/draft", methods=["GET", "POST"])
@access.roles(Role.ADVISER)
def draft(year: int):
    """Build the year's report: the texts, the sections, signing, and the figures."""
    year_or_404(year)
    texts = draft_texts(year)
    if request.method == "POST":
        if texts is None:
            abort(409)
        form = NarrativeForm()
        if form.validate_on_submit():
            return _saved(year, {s: form[s].data for s in yearly.NARRATIVE_KEYS}, "")
        return render_draft(year, texts, 400, form=form)
    return render_draft(year, texts)


@bp.post("/<int:year>/draft/context")
@access.roles(Role.ADVISER)
def draft_context(year: int):
    """Save the organisation's size and the advisers with their hours."""
    texts = _open(year)
    rows = sections.adviser_rows(texts)
    form = context_form(rows, texts)
    if not form.validate_on_submit():
        return render_draft(year, texts, 400, context_form=form)
    advisers = {
        row["person_id"]: {
            "listed": form[f"listed_{row['person_id']}"].data,
            "external": form[f"kind_{row['person_id']}"].data == "external",
            "hours": form[f"hours_{row['person_id']}"].data,
        }
        for row in rows
    }
    return _saved(year, sections.context_changes(form.employees.data, advisers), "#context")


@bp.post("/<int:year>/draft/recommendations")
@access.roles(Role.ADVISER)
def draft_recommendations(year: int):
    """Add, change or remove (an emptied box) the year's recommendations."""
    texts = _open(year)
    items = texts.get("recommendation_list") or []
    form = recommendations_form(items)
    if not form.validate_on_submit():
        return render_draft(year, texts, 400, recommendations_form=form)
    edited = {i["uid"]: form[f"rec_{i['uid']}"].data or "" for i in items}
    changes = sections.recommendation_changes(texts, edited, form.new.data or "")
    return _saved(year, changes, "#recommendation-list")


@bp.post("/<int:year>/draft/followups")
@access.roles(Role.ADVISER)
def draft_followups(year: int):
    """Say what became of each of last year's recommendations."""
    texts = _open(year)
    rows = sections.followup_rows(year, texts)
    form = followups_form(rows)
    if not form.validate_on_submit():
        return render_draft(year, texts, 400, followups_form=form)
    given = {
        r["uid"]: (form[f"status_{r['uid']}"].data or "", form[f"note_{r['uid']}"].data or "")
        for r in rows
    }
    return _saved(year, sections.followup_changes(year, given), "#followups")


@bp.post("/<int:year>/sign")
@access.roles(Role.ADVISER)
def sign(year: int):
    """Sign the draft as it stands: publishing waits for every listed adviser."""
    texts = _open(year)
    if not SignForm().validate_on_submit():
        abort(400)
    try:
        signing.sign(year, current_user, sections.listed_ids(texts), date.today())
    except signing.NotListed:
        flash(_("Only the advisers listed on the report sign it."), "error")
    else:
        flash(_("You signed the yearly report %(year)s.", year=year), "success")
    return redirect(url_for("insights.draft", year=year) + "#signing")


@bp.post("/<int:year>/publish")
@access.roles(Role.ADVISER)
def publish(year: int):
    """Publish the report: the figures, texts and sections are frozen as a new version."""
    texts = _open(year)
    form = PublishForm()
    if not form.validate_on_submit():
        flash(_("Confirm that you checked the report."), "error")
        return redirect(url_for("insights.draft", year=year) + "#publish")
    try:
        report = yearly.publish(
            year, current_user, texts, form.correction.data or "", date.today(), min_cell()
        )
    except signing.NotSigned as refused:
        flash(presentation.unsigned_text(refused.missing), "error")
        return redirect(url_for("insights.draft", year=year) + "#signing")
    except yearly.VersionRefused as refused:
        lines = presentation.refusal_texts(refused.moved, refused.uncompared, min_cell())
        flash(lines[0], "error")  # the draft page lists the cells
        return redirect(url_for("insights.draft", year=year) + "#publish")
    flash(_("The report is published. Management and HR received an e-mail."), "success")
    return redirect(url_for("insights.report", year=year, version=report.version))


@bp.get("/<int:year>/preview")
@access.roles(Role.ADVISER)
def preview(year: int):
    """Show the report exactly as management would read it if published now."""
    year_or_404(year)
    texts = draft_texts(year) or {}
    report, snap = yearly.preview(year, texts, date.today(), min_cell())
    return render_template("insights/report.html", report=report, snap=snap, is_preview=True)
