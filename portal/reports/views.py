"""The reporter's path: one door, step by step (or one plain form), review, send, receipt.

Public and account-free. Nothing here logs, and dates are kept by the day.
"""

from datetime import date

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from htmx_flask import make_response

from portal.core.accounts import sessions
from portal.platform import clock, kdf_gate, published, throttle
from portal.platform.i18n import current_locale
from portal.reports import (
    drafts,
    evidence,
    filing,
    flow,
    forms,
    kinds,
    notify,
    opening,
    proof,
    receipt_page,
)
from portal.reports.blueprint import bp
from portal.reports.models import Report
from portal.web import access, navigation, quick_exit
from portal.web.field_rendering import ChoiceList, checkbox_list, described_list
from portal.web.forms import ActionForm
from portal.web.pages import render_page, wants_fragment

DRAFT = "report_draft"
PROOFS = "report_proofs"


def forget_draft() -> None:
    """Delete the report being written (the quick exit: Back must not bring it back)."""
    drafts.discard(session.pop(DRAFT, None))


quick_exit.forget_on_exit(bp, forget_draft)


def today() -> date:
    return clock.today()


def current_draft() -> dict:
    return drafts.load(session.get(DRAFT)) or {}


def keep_draft(draft: dict) -> list[str]:
    """Store the draft; return a message when there is no room for it (the form stays filled)."""
    try:
        session[DRAFT] = drafts.save(session.get(DRAFT), draft, request.remote_addr or "")
    except drafts.StorageFull:
        return [
            _(
                "Your answers could not be kept as a draft: the room for drafts is full at this moment. What you typed is still on this page; remove large files or try again tomorrow."
            )
        ]
    return []


def go_to(endpoint: str, **values):
    """Move on: a redirect for a plain form, an htmx location swap for a step form."""
    target = url_for(endpoint, **values)
    if wants_fragment():
        response = make_response("", 204)
        if endpoint == "reports.step":
            response.headers["HX-Location"] = f'{{"path": "{target}", "target": "#report-flow"}}'
        else:
            # The review is a whole page, not a step: swapped into the flow it would nest a
            # second header and main inside the first, so the browser loads it instead.
            response.headers["HX-Redirect"] = target
        return response
    return redirect(target)


def take_evidence(draft: dict, form) -> list[str]:
    """Keep new uploads and removals in the draft; return messages about refused files."""
    flow.remove_files(draft, form.remove.data or [])
    uploads = [
        (f.filename or "", f.read()) for f in request.files.getlist("files") if f and f.filename
    ]
    config = current_app.config
    return evidence.refusal_messages(
        flow.add_files(
            draft, uploads, config["EVIDENCE_MAX_FILE_MB"], config["EVIDENCE_MAX_REPORT_MB"]
        )
    )


def change_incident_count(form, action: str) -> bool:
    """Add or remove an incident block; tell whether the action was one of those."""
    entries = form.incidents
    if action == "add_incident" and len(entries) < entries.max_entries:
        entries.append_entry()
        return True
    if action.startswith("remove_incident_") and len(entries) > 1:
        index = int(action.rsplit("_", 1)[1]) if action.rsplit("_", 1)[1].isdigit() else -1
        if 0 <= index < len(entries):
            kept = [e.data for i, e in enumerate(entries) if i != index]
            while len(entries):
                entries.pop_entry()
            for data in kept:
                entries.append_entry(data)
        return True
    return False


def listed_advisers() -> list:
    """The advisers a report can go to, as the directory lists them (kept per worker).

    Filing checks the chosen advisers again against the database (filing.file_report).
    """
    return published.kept(("receiving_advisers",), filing.listed_advisers)


def choice_lists() -> dict[str, ChoiceList]:
    """The report form's lists of choices, written once per language (kept per worker): the
    kinds per track, the modes, and every adviser twice (to send to, and to keep out)."""
    locale = current_locale()

    def build() -> dict[str, ChoiceList]:
        lists = {
            f"category_{track}": described_list(
                "category", [kind for kind in kinds.CATEGORIES if kind.track == track]
            )
            for track in kinds.TRACK_LABELS
        }
        lists["mode"] = described_list("mode", kinds.MODES)
        chosen = []
        for adviser in listed_advisers():
            about = []
            if adviser.profile.external:
                about.append(adviser.profile.organisation or _("External"))
            if adviser.profile.integrity_contact:
                about.append(_("Integrity contact"))
            chosen.append((adviser.id, adviser.display_name, " · ".join(about)))
        lists["advisers"] = checkbox_list("advisers", chosen)
        lists["excluded"] = checkbox_list("excluded", [(i, name, "") for i, name, _a in chosen])
        return lists

    return published.kept(("report_choice_lists", locale), build)


def step_context(step: str, form, draft: dict, errors: list[str] | None = None) -> dict:
    return {
        "step": step,
        "form": form,
        "draft": draft,
        "steps": forms.STEPS,
        "step_titles": forms.STEP_TITLES,
        "errors": errors or [],
        "kinds": kinds,
        "advisers": listed_advisers() if step == "advisers" else [],
        "choice_lists": choice_lists(),
    }


@bp.get("/")
@access.public
def start():
    """Explain the ways to report, and how to leave no traces, before starting; a reporter
    who comes back to a draft may go on with it or discard it."""
    has_draft = bool(session.get(DRAFT)) and bool(current_draft())
    return render_template("reports/start.html", modes=kinds.MODES, has_draft=has_draft)


@bp.post("/discard")
@access.public
def discard_draft():
    """Delete the report being written, at the reporter's request; start afresh."""
    if ActionForm().validate_on_submit():
        forget_draft()
        flash(_("Your draft has been deleted. Nothing of it is kept."), "success")
    return redirect(url_for("reports.start"))


@bp.route("/step/<step>", methods=["GET", "POST"])
@access.public
def step(step: str):
    """One step of the report form; answers are kept in the draft whatever happens."""
    if step not in forms.SECTIONS:
        abort(404)
    draft = current_draft()
    advisers = listed_advisers() if step == "advisers" else None
    if request.method == "GET":
        form = flow.build_section(step, draft, advisers=advisers)
        return render_page(
            "reports/step.html", "reports/_step.html", **step_context(step, form, draft)
        )
    form = flow.build_section(step, draft, request.form, advisers)
    errors = take_evidence(draft, form) if step == "evidence" else []
    action = request.form.get("action", "next")
    resized = step == "incidents" and change_incident_count(form, action)
    flow.keep_section(draft, step, form)
    errors += keep_draft(draft)
    index = forms.STEPS.index(step)
    if action == "back" and index > 0 and not errors:
        return go_to("reports.step", step=forms.STEPS[index - 1])
    if resized or action == "upload" or errors or not form.validate():
        return render_page(
            "reports/step.html", "reports/_step.html", **step_context(step, form, draft, errors)
        )
    if index + 1 < len(forms.STEPS):
        return go_to("reports.step", step=forms.STEPS[index + 1])
    return go_to("reports.review")


@bp.route("/form", methods=["GET", "POST"])
@access.public
def one_page():
    """The whole report as one plain form: works without JavaScript."""
    draft = current_draft()
    advisers = listed_advisers()  # once: the adviser section and the page both list them
    formdata = request.form if request.method == "POST" else None
    sections = {s: flow.build_section(s, draft, formdata, advisers) for s in forms.STEPS}
    errors: list[str] = []
    if request.method == "POST":
        errors = take_evidence(draft, sections["evidence"])
        resized = change_incident_count(sections["incidents"], request.form.get("action", ""))
        for name, form in sections.items():
            flow.keep_section(draft, name, form)
        errors += keep_draft(draft)
        valid = [form.validate() for name, form in sections.items() if name != "evidence"]
        if all(valid) and not errors and not resized:
            return redirect(url_for("reports.review"))
        sections["evidence"] = flow.build_section("evidence", draft)
    context = {
        "sections": sections,
        "draft": draft,
        "kinds": kinds,
        "step_titles": forms.STEP_TITLES,
        "advisers": advisers,
        "choice_lists": choice_lists(),
    }
    blank = None
    if not draft and request.method == "GET":  # nothing of the person's in it: the same for all
        key = ("blank_report_form", current_locale(), navigation.standing())
        blank = published.kept_html(key, "reports/_sections.html", **context)
    return render_template("reports/form.html", errors=errors, blank_sections=blank, **context)


@bp.get("/review")
@access.public
def review():
    """Show everything once more before sending."""
    draft = current_draft()
    incomplete = flow.first_incomplete_step(draft)
    if incomplete:
        return redirect(url_for("reports.step", step=incomplete))
    return render_template(
        "reports/review.html",
        submission=flow.submission_of(draft),
        draft=draft,
        kinds=kinds,
        advisers={p.id: p for p in listed_advisers()},
        step_titles=forms.STEP_TITLES,
    )


@bp.post("/send")
@access.public
def send():
    """File the report and show the receipt code, once."""
    if not ActionForm().validate_on_submit():
        abort(400)
    draft = current_draft()
    if not draft or flow.first_incomplete_step(draft):
        return redirect(url_for("reports.review"))
    reporter_key = (
        sessions.vault_secret(current_user, "private_key")
        if current_user.is_authenticated
        else None
    )
    try:
        filed = filing.file_report(
            flow.submission_of(draft),
            reporter_key,
            today(),
            current_app.config["FIRST_CONTACT_WORKING_DAYS"],
            address=request.remote_addr or "",
        )
    except filing.FilingError:
        return redirect(url_for("reports.step", step="advisers"))
    except throttle.Throttled:
        flash(
            _(
                "Many reports were sent from this network today, so no more can be sent from it until tomorrow. Your report is not lost: it stays here as a draft for a day. Send it tomorrow, or from another network."
            ),
            "error",
        )
        return redirect(url_for("reports.review"))
    except kdf_gate.Busy:
        # Practically never (it waits up to half a minute); the draft is kept.
        flash(
            _(
                "It is very busy at this moment and your report has not been sent yet. Nothing is lost: press “Send” again in a minute."
            ),
            "error",
        )
        return redirect(url_for("reports.review"))
    drafts.discard(session.pop(DRAFT, None))
    session[PROOFS] = [*session.get(PROOFS, [])[-4:], filed.report.reference]
    notify.something_new(filed.advisers)
    # Rendered, not redirected: the code is shown once and must not travel in a cookie.
    return receipt_page.render(filed.report, filed.receipt_code, 201)


@bp.get("/proof/<reference>.pdf")
@access.public
def proof_of_filing(reference: str):
    """Download the proof of filing for a report sent from this browser."""
    report = Report.get_or_none(Report.reference == reference)
    if report is None or reference not in session.get(PROOFS, []):
        abort(404)
    names = [p.display_name for p in opening.advisers_of(report)]
    response = make_response(proof.proof_pdf(report.reference, report.received_on, names))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{report.reference}.pdf"'
    return response
