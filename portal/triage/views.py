"""The adviser's inbox: the reports addressed to them, opened with their own key."""

from collections.abc import Callable
from dataclasses import replace

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from portal.core.accounts import keyring, passwords, sessions
from portal.core.accounts.roles import Role
from portal.core.audit import log as audit
from portal.followup import report_page
from portal.platform import clock, kdf_gate, published
from portal.platform.i18n import current_locale
from portal.reports import changes, deadlines, kinds, notes, notice, opening
from portal.triage import colleague_forms, corrections, oral, rows, workflow
from portal.triage import inbox as inbox_queries
from portal.triage.blueprint import bp
from portal.triage.conversation_forms import MinutesForm
from portal.triage.forms import (
    AcknowledgeForm,
    ConcludeForm,
    ContactOfferForm,
    NoteForm,
    OralReportForm,
    OutcomeForm,
    PatternForm,
    ReclassifyForm,
    RecoveryConfirmForm,
    RestoreForm,
)
from portal.triage.lookup import opened_or_404, with_form
from portal.web import access, form_views, recovery_page
from portal.web.forms import ActionForm
from portal.web.pages import LinkPattern, render_page

REPORT_PAGE = "triage/report.html"
REQUEST_PAGE = "triage/conversation.html"  # a conversation request (reports/conversation.py)
KEY_PAGES = {"triage.recovery_key", "triage.restore"}


@bp.before_request
def keys_first():
    """An adviser first stores their recovery key, and restores a locked key, before reading."""
    if not current_user.is_authenticated or request.endpoint in KEY_PAGES:
        return None
    if not current_user.has_role(Role.ADVISER) or sessions.needs_second_factor(current_user):
        return None  # the access rule answers
    # The session's vault first: it is already loaded, the key ring is another query.
    if sessions.vault_secret(current_user, "recovery_key") and keyring.recovery_pending(
        current_user, sessions.vault_secret(current_user, "private_key")
    ):
        return redirect(url_for("triage.recovery_key"))
    if sessions.vault_secret(current_user, "private_key") is None:
        if sessions.through_provider():  # no password was typed: open the key with it first
            return redirect(url_for("auth.provider_key", next=request.path))
        return redirect(url_for("triage.restore"))
    return None


@bp.get("/")
@access.roles(Role.ADVISER)
def inbox():
    """List the reports addressed to me, filtered and paged (the rows alone for htmx)."""
    filters = inbox_queries.Filters.from_args(request.args)
    today = clock.today()
    page = inbox_queries.search(current_user, filters, today)
    link = LinkPattern("triage.report", "reference")
    return render_page(
        "triage/inbox.html",
        "triage/_rows.html",
        results=page,
        rows_html=rows.inbox_rows(page.rows, kinds.translated_labels(), today, link),
        filters=filters,
        filters_html=filter_bar(filters),
    )


def filter_bar(filters: inbox_queries.Filters) -> Markup:
    """The filter bar, kept per language and filter choice (choices from fixed lists, the
    same for every adviser); written anew when a reference was typed."""
    if filters.q:
        # Jinja escapes what it renders: its output is markup, not text to escape again.
        return Markup(render_template("triage/_filters.html", filters=filters, kinds=kinds))  # noqa: S704
    shown = replace(filters, page=1)  # the bar shows no page
    key = ("inbox_filters", current_locale(), shown)
    return published.kept_html(key, "triage/_filters.html", filters=shown, kinds=kinds)


def adviser_actions(reference: str) -> dict:
    return {
        "message": url_for("triage.reply", reference=reference),
        "attachment": "triage.attachment",
        "attachment_args": {"reference": reference},
    }


def render_workspace(opened: opening.OpenReport, status: int = 200, **forms_):
    """The report as its adviser sees it: content, identity, notes, workflow and the log.

    Each of the page's forms starts empty unless a refused post hands it back (as `name_form`),
    so that the page shows again with what was typed and the form's message."""
    default_ack = _(
        "Thank you for your report. I have received it and will read it carefully. You will hear from me soon."
    )
    if opened.report.request:
        forms_.setdefault("minutes_form", MinutesForm(formdata=None))
    empty = {
        # formdata=None: the page may answer another form's post: start empty
        "ack_form": lambda: AcknowledgeForm(
            formdata=None,
            data={
                "text": workflow.template_text(current_user, workflow.ACKNOWLEDGEMENT, default_ack)
            },
        ),
        "outcome_form": lambda: OutcomeForm(formdata=None),
        "note_form": lambda: NoteForm(formdata=None),
        "contact_form": lambda: ContactOfferForm(formdata=None),
        # The current values chosen: a correction starts from what the report says now.
        "kind_form": lambda: ReclassifyForm(formdata=None, category=opened.report.category),
        "pattern_form": lambda: PatternForm(formdata=None, pattern=opened.report.incident_pattern),
        "summary_form": lambda: None,
        "crime_form": lambda: None,
    }
    forms = {name: forms_.pop(name, None) or make() for name, make in empty.items()}
    report = opened.report
    return report_page.render_report(
        REQUEST_PAGE if report.request else REPORT_PAGE,
        opened,
        status,
        actions=adviser_actions(report.reference),
        notes=notes.notes_of(opened),
        log=audit.entries_for(report),
        changes=changes.history(report),
        change_field=kinds.change_field,
        change_value=kinds.change_value,
        published_year=corrections.published_year(report.received_on),
        today=clock.today(),
        is_overdue=deadlines.is_overdue,
        **colleague_forms.panel(opened),
        **forms,
        **forms_,
    )


@bp.get("/<reference>")
@access.roles(Role.ADVISER)
def report(reference: str):
    """Open a report addressed to me; the reporter sees that I opened it."""
    opened = opened_or_404(reference)
    opening.record_event(opened.report, current_user, "opened")
    return render_workspace(opened)


def back_to(reference: str, anchor: str = ""):
    return redirect(url_for("triage.report", reference=reference) + anchor)


def workspace_form(form_class: type, name: str) -> Callable:
    """Check a form posted from the workspace (lookup.with_form); when it is not valid, show
    the workspace again with it (as `name`)."""
    return with_form(
        form_class, lambda reference, opened, form: render_workspace(opened, **{name: form})
    )


@bp.post("/<reference>/acknowledge")
@access.roles(Role.ADVISER)
@workspace_form(AcknowledgeForm, "ack_form")
def acknowledge(reference: str, opened: opening.OpenReport, form: AcknowledgeForm):
    """Send the acknowledgement of receipt in one click (its text is editable)."""
    try:
        workflow.acknowledge(
            opened, current_user, form.text.data, clock.today(), form.keep_as_template.data
        )
    except workflow.WorkflowError:
        flash(_("This report was acknowledged already."), "info")
    return back_to(reference)


def change(reference: str, step, *args, opened: opening.OpenReport | None = None):
    """Apply one workflow step as the current adviser; say so when it is not possible now."""
    opened = opened or opened_or_404(reference)
    if not ActionForm().validate_on_submit():  # start and reopen: one button each
        abort(400)
    try:
        step(opened, current_user, *args, today=clock.today())
    except workflow.WorkflowError:
        flash(_("This change is not possible now."), "error")
    return back_to(reference)


# The one-button steps, each at its own address (and endpoint): /<reference>/start, /reopen.
ONE_CLICK_STEPS = {"triage.start": workflow.start, "triage.reopen": workflow.reopen}


@bp.post("/<reference>/start", endpoint="start")
@bp.post("/<reference>/reopen", endpoint="reopen")
@access.roles(Role.ADVISER)
def one_click(reference: str):
    """Mark the report as in progress, or reopen a closed or referred report."""
    return change(reference, ONE_CLICK_STEPS[request.endpoint])


@bp.post("/<reference>/outcome")
@access.roles(Role.ADVISER)
@workspace_form(OutcomeForm, "outcome_form")
def conclude(reference: str, opened: opening.OpenReport, form: OutcomeForm):
    """Ask to confirm the outcome on a page of its own (no script needed)."""
    return render_confirm(opened, ConcludeForm(formdata=None, outcome=form.outcome.data))


def render_confirm(opened: opening.OpenReport, form: ConcludeForm, status: int = 200):
    return render_template(
        "triage/confirm_close.html", report=opened.report, form=form, kinds=kinds
    ), status


@bp.post("/<reference>/outcome/confirm")
@access.roles(Role.ADVISER)
@with_form(ConcludeForm, lambda reference, opened, form: render_confirm(opened, form))
def conclude_confirmed(reference: str, opened: opening.OpenReport, form: ConcludeForm):
    """Record the confirmed outcome and close or refer the report."""
    try:
        workflow.conclude(opened, current_user, form.outcome.data, today=clock.today())
    except workflow.WorkflowError:
        flash(_("This change is not possible now."), "error")
    else:
        flash(_("The outcome is recorded and the reporter has been told."), "success")
    return back_to(reference)


@bp.post("/<reference>/notes")
@access.roles(Role.ADVISER)
@workspace_form(NoteForm, "note_form")
def add_note(reference: str, opened: opening.OpenReport, form: NoteForm):
    """Add a note for advisers only."""
    notes.add_note(opened, current_user, form.note.data)
    return back_to(reference, "#notes")


@bp.get("/<reference>/attachment/<int:attachment_id>")
@access.roles(Role.ADVISER)
def attachment(reference: str, attachment_id: int):
    """Download a file of a report addressed to me."""
    opened = opened_or_404(reference)
    try:
        response = report_page.download(opened, attachment_id)
    except opening.ReportNotFound:
        abort(404)
    opening.record_event(opened.report, current_user, "downloaded")
    return response


@bp.post("/<reference>/reply")
@access.roles(Role.ADVISER)
def reply(reference: str):
    """Reply to the reporter."""
    opened = opened_or_404(reference)
    problem = report_page.answer(opened, "adviser", clock.today(), adviser=current_user)
    if problem is not None:
        # The whole workspace again, with what was typed and why it was not sent.
        return render_workspace(opened, **problem)
    opening.record_event(opened.report, current_user, "replied")
    # The reporter's notice, if they asked for one: only this session's key opens its address.
    notice.send(opened.report, current_user, sessions.vault_secret(current_user, "private_key"))
    return redirect(url_for("triage.report", reference=reference) + "#conversation")


@bp.route("/oral", methods=["GET", "POST"])
@access.roles(Role.ADVISER)
def oral_report():
    """Register a report given by phone or in person; hand the reporter its receipt code."""
    form = OralReportForm()
    if form.validate_on_submit():
        given = form_views.into(oral.OralReport, form)
        try:
            filed = oral.register(
                given, current_user, clock.today(), current_app.config["FIRST_CONTACT_WORKING_DAYS"]
            )
        except kdf_gate.Busy:
            form.form_errors.append(
                _(
                    "It is very busy at this moment and the report has not been registered yet. Nothing is lost: press “Register the report” again in a minute."
                )
            )
            return render_template("triage/oral.html", form=form), 503
        # Rendered, not redirected: the code is shown once, to be handed to the reporter.
        return render_template(
            "triage/oral_receipt.html", report=filed.report, code=filed.receipt_code
        ), 201
    return render_template("triage/oral.html", form=form)


@bp.route("/recovery-key", methods=["GET", "POST"])
@access.roles(Role.ADVISER)
def recovery_key():
    """Show the new recovery key once, and make the adviser type it back."""
    inbox = url_for("triage.inbox")
    return recovery_page.confirm(
        RecoveryConfirmForm(),
        recovery_page.KEY,
        "triage/recovery_key.html",
        inbox,
        none_shown=inbox,
    )


@bp.route("/restore", methods=["GET", "POST"])
@access.roles(Role.ADVISER)
def restore():
    """Bring back access to my reports with my recovery key (after a password reset)."""
    form = RestoreForm()
    if form.validate_on_submit():
        if not passwords.verify_password(current_user.password_hash, form.password.data):
            form.password.errors.append(_("This is not your current password."))
        else:
            try:
                private_key = keyring.restore(
                    current_user, form.recovery_key.data, form.password.data
                )
            except keyring.WrongRecoveryKey:
                form.recovery_key.errors.append(_("This recovery key does not open your reports."))
            else:
                sessions.store_in_vault(current_user, private_key=private_key)
                flash(_("Access to your reports is back."), "success")
                return redirect(url_for("triage.inbox"))
    return render_template("triage/restore.html", form=form)


# Consent, stepping back and the crime exception live in their own module on this blueprint.
