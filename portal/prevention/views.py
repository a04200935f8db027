"""HR's register of prevention measures and the proof for the inspection (page and PDF).

Who may see them: HR only. The trust table lets management read the published yearly report
and nothing else; the inspection document also holds HR's register, meeting coverage by team
and the pulse, so it stays with HR (deny by default), who hands it to the inspector.
"""

from flask import Response, abort, current_app, render_template, url_for
from flask_babel import gettext as _

from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.prevention import inspection, measures
from portal.prevention.blueprint import bp
from portal.prevention.forms import measure_form
from portal.prevention.pdf import inspection_pdf
from portal.web import access, form_views


@bp.app_template_global("measures_answering")
def measures_answering(uid: str) -> list:
    """Give the yearly report's draft the measures that answer one of its recommendations."""
    return measures.answering(uid)


@bp.app_context_processor
def labels() -> dict:
    return {"measure_status_labels": measures.STATUS_LABELS}


def _problems(form) -> dict:
    return {
        measures.Missing: form_views.on_form(
            form, _("Fill in what the measure is and who owns it.")
        ),
        measures.UnknownStatus: form_views.on_field(form.status, _("Choose a status.")),
        measures.DueOutOfRange: form_views.on_field(
            form.due_on, _("Choose a due date between 2000 and 2100.")
        ),
        measures.UnknownRecommendation: form_views.on_field(
            form.recommendation_uid, _("Choose one of the recommendations.")
        ),
        measures.UnknownMeasure: form_views.aborted(404),
    }


@bp.route("/measures", methods=["GET", "POST"])
@access.roles(Role.HR)
def register():
    """The register, with the form to add a measure."""
    form = measure_form()
    return form_views.submit(
        form,
        lambda: measures.add(form_views.into(measures.MeasureInput, form), clock.today()),
        _problems(form),
        saved=_("The measure is added."),
        then=url_for("prevention.register"),
        page=lambda: (
            render_template("prevention/register.html", form=form, rows=measures.register()),
            400 if form.errors else 200,
        ),
    )


@bp.route("/measures/<int:measure_id>", methods=["GET", "POST"])
@access.roles(Role.HR)
def edit(measure_id: int):
    """Change a measure: its status, due date, what came of it, ..."""
    try:
        measure = measures.get(measure_id)
    except measures.UnknownMeasure:
        abort(404)
    form = measure_form(measure)
    return form_views.submit(
        form,
        lambda: measures.update(
            measure_id, form_views.into(measures.MeasureInput, form), clock.today()
        ),
        _problems(form),
        saved=_("The measure is saved."),
        then=url_for("prevention.register"),
        page=lambda: (
            render_template("prevention/edit.html", form=form, measure=measure),
            400 if form.errors else 200,
        ),
    )


@bp.post("/measures/<int:measure_id>/done")
@access.roles(Role.HR)
def mark_done(measure_id: int):
    """Mark a measure done from the register."""
    return form_views.act(
        lambda: measures.mark_done(measure_id, clock.today()),
        {measures.UnknownMeasure: form_views.aborted(404)},
        saved=_("The measure is marked done."),
        then=url_for("prevention.register"),
    )


@bp.get("/inspection")
@access.roles(Role.HR)
def inspection_page():
    """The proof for the inspection as a page, with the PDF to download."""
    return render_template(
        "prevention/inspection.html",
        proof=inspection.gather(clock.today()),
        organisation=current_app.config["ORGANISATION_NAME"],
    )


@bp.get("/inspection.pdf")
@access.roles(Role.HR)
def inspection_download():
    """The same as a PDF, printed from the page's own template."""
    proof = inspection.gather(clock.today())
    data = inspection_pdf(proof, current_app.config["ORGANISATION_NAME"])
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="inspection-{proof.year}-{proof.made_on.isoformat()}.pdf"'
    )
    return response
