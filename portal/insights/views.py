"""Insights: advisers register consultations and write the yearly report; management reads it."""

from datetime import date

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts.roles import Role
from portal.insights import activities, consultations, presentation, sections, yearly
from portal.insights.blueprint import bp
from portal.insights.consultations import LABELS
from portal.insights.drafting import private_key
from portal.insights.forms import ConsultationForm, ReportSourceForm
from portal.insights.pdf import report_pdf
from portal.web import access, form_views

READERS = (Role.ADVISER, Role.HR, Role.MANAGEMENT)


@bp.app_template_global("insights_report_source_form")
def report_source_form(report) -> ReportSourceForm:
    """Give the triage report page the form for who the behaviour came from."""
    return ReportSourceForm(
        data={"source": report.source or "", "several_forms": report.several_forms}
    )


@bp.app_context_processor
def presentation_helpers() -> dict:
    return {
        "insight_text": presentation,
        "consultation_labels": LABELS,
        "insight_sections": sections.published,
        "activity_kinds": activities.KIND_LABELS,
        "status_labels": sections.STATUS_LABELS,
        "month_name": presentation.month_name,
    }


@bp.get("/", endpoint="index")
@access.roles(*READERS)
def index():
    """List the published yearly reports; advisers also find their own work here."""
    today = date.today()
    return render_template(
        "insights/index.html",
        reports=yearly.published_list(),
        is_adviser=current_user.has_role(Role.ADVISER),
        years=[today.year, today.year - 1],
        my_count=consultations.count_of(current_user, today.year),
        my_requests=consultations.requests_of(current_user, today.year),
    )


@bp.route("/consultations", methods=["GET", "POST"])
@access.roles(Role.ADVISER)
def consultation_form():
    """Register a consultation in a few clicks, without names."""
    form = ConsultationForm()
    return form_views.submit(
        form,
        lambda: consultations.register(
            current_user, form_views.into(consultations.NewConsultation, form), date.today()
        ),
        {
            consultations.DayOutOfRange: form_views.on_field(
                form.held_on, _("Choose a day in the past year, not in the future.")
            ),
            consultations.NoKey: form_views.on_field(
                form.note, _("You have no key yet, so a note cannot be kept. Leave it empty.")
            ),
            consultations.UnknownChoice: form_views.aborted(400),
        },
        saved=_("The consultation is registered."),
        then=url_for("insights.consultation_form"),
        page=lambda: (
            render_template(
                "insights/consultations.html",
                form=form,
                recent=consultations.recent_of(current_user),
                my_requests=consultations.requests_of(current_user, date.today().year),
            ),
            400 if form.errors else 200,
        ),
    )


@bp.get("/consultations/<int:consultation_id>/note")
@access.roles(Role.ADVISER)
def consultation_note(consultation_id: int):
    """Read the note of one of my consultations."""
    key = private_key()
    if key is None:
        return redirect(url_for("triage.restore"))
    try:
        text = consultations.read_note(consultation_id, current_user, key)
    except consultations.NotYours:
        abort(404)
    return render_template("insights/note.html", text=text)


@bp.post("/reports/<reference>/source")
@access.roles(Role.ADVISER)
def set_report_source(reference: str):
    """Record who the behaviour came from on a report addressed to me."""
    form = ReportSourceForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        consultations.set_report_source(
            reference, current_user, form.source.data or "", bool(form.several_forms.data)
        )
    except consultations.NotYours:
        abort(404)
    except consultations.UnknownChoice:
        abort(400)
    flash(_("Saved for the yearly figures."), "success")
    return redirect(url_for("triage.report", reference=reference))


def _published_or_404(year: int, version: int):
    try:
        return yearly.published(year, version)
    except yearly.NotPublished:
        abort(404)


@bp.get("/<int:year>/v<int:version>")
@access.roles(*READERS)
def report(year: int, version: int):
    """Read a published yearly report."""
    published, snap = _published_or_404(year, version)
    return render_template("insights/report.html", report=published, snap=snap, is_preview=False)


def _csv(year: int, version: int, excel: bool) -> Response:
    _published, snap = _published_or_404(year, version)
    body = presentation.csv_text(snap, excel=excel)
    response = Response(body.encode("utf-8"), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    name = f"yearly-report-{year}-v{version}{'-excel' if excel else ''}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/<int:year>/v<int:version>.csv")
@access.roles(*READERS)
def report_csv(year: int, version: int):
    """Download the published, suppressed figures as CSV (commas, numbers only)."""
    return _csv(year, version, excel=False)


@bp.get("/<int:year>/v<int:version>-excel.csv")
@access.roles(*READERS)
def report_csv_excel(year: int, version: int):
    """Download the same figures for Dutch Excel (semicolons, byte-order mark)."""
    return _csv(year, version, excel=True)


@bp.get("/<int:year>/v<int:version>.pdf")
@access.roles(*READERS)
def report_pdf_download(year: int, version: int):
    """Download the published report as PDF."""
    published, snap = _published_or_404(year, version)
    data = report_pdf(published, snap, current_app.config["ORGANISATION_NAME"])
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="yearly-report-{year}-v{version}.pdf"'
    )
    return response
