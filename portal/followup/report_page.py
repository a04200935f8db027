"""The report page as the reporter (both doors) and the adviser see it: view-side code.

It reads the posted form, renders and sends files, so it sits beside the views that use it
(followup's and triage's), not in the reports domain.
"""

import io
from datetime import date

from flask import current_app, render_template, request, send_file
from flask_babel import gettext as _

from portal.consent import approval, sharing
from portal.core.accounts.roles import with_roles
from portal.followup.forms import NoticeForm
from portal.platform import clock
from portal.platform.i18n import day_text
from portal.reports import (
    contact,
    conversation,
    deadlines,
    handover,
    kinds,
    notice,
    opening,
    standin,
    transfer,
)
from portal.reports.evidence import EvidenceRefused, accept, refusal_messages
from portal.reports.forms import MessageForm, WithdrawForm


def render_report(template: str, opened: opening.OpenReport, status: int = 200, **extra):
    """Render a report as the reporter sees it (their own text, replies, status and dates)."""
    report = opened.report
    context = {
        "report": report,
        "content": opening.read(opened),
        "kinds": kinds,
        "advisers": opening.advisers_of(report),
        "acknowledgement_due": deadlines.acknowledgement_due(report),
        "feedback_due": deadlines.feedback_due(report),
        # formdata=None: this page may answer another form's post (the field names overlap).
        "message_form": extra.pop("message_form", None) or MessageForm(formdata=None),
        "withdraw_form": extra.pop("withdraw_form", None) or WithdrawForm(formdata=None),
        "file_errors": extra.pop("file_errors", []),
        "consents": sharing.history(report),
        "summary_versions": approval.versions(opened),
        "summary_state": summary_state,
        "key_changed": sharing.changed_keys(report),
        **consent_choice(report),
        "agreement": contact.agreement_of(opened),
        "next_step": contact.next_step(report),
        "suggested_return": contact.suggested_return(report, clock.today()),
        "transfer_to": transfer.candidates(opened),
        "who_answers": standin.who_answers(report, clock.today()),
        "colleague_request": handover.pending(report),
        "scope_label": kinds.consent_scope_label,
        "request_labels": conversation.LABELS,  # a conversation request's choices, in words
        "notice_wanted": notice.wanted(report),
        "notice_form": NoticeForm(formdata=None),
    }
    return render_template(template, **context, **extra), status


def summary_state(version: approval.Version) -> str:
    """Say what became of a summary version, for the adviser's list of versions."""
    day = day_text(version.decided_on) if version.decided_on else ""
    return {
        approval.WAITING: _("waiting for the reporter's approval: not shared yet"),
        approval.APPROVED: _("approved by the reporter on %(day)s and shared", day=day),
        approval.DECLINED: _("declined by the reporter on %(day)s: not shared", day=day),
        approval.REPLACED: _("replaced by a newer version on %(day)s: not shared", day=day),
        approval.WITHDRAWN: _("not shared: the reporter withdrew the consent on %(day)s", day=day),
    }.get(version.state, version.state)


def consent_choice(report) -> dict:
    """The consent form's "what" and the people who may receive the chosen one (?scope=)."""
    scopes = sharing.scopes_for(report)
    chosen = request.args.get("scope")
    chosen = chosen if chosen in scopes else scopes[0]
    return {
        "consent_scopes": scopes,
        "consent_scope": chosen,
        "consent_people": sharing.grantees(chosen),
        "person_label": person_label,
    }


def person_label(person, scope: str) -> str:
    """A person's name with the roles in which they may receive the scope: "Name (HR)"."""
    return with_roles(person.display_name, sharing.roles_for_scope(person, scope))


def answer(opened: opening.OpenReport, sender: str, today: date, adviser=None) -> dict | None:
    """Post a message from the form; return None when done, or what the page needs to show why not."""
    form = MessageForm()
    evidence, refused = uploaded_evidence()
    if not form.validate_on_submit() or refused:
        return {"message_form": form, "file_errors": refused}
    try:
        opening.post_message(
            opened, sender, form.text.data, today, adviser=adviser, evidence=evidence
        )
    except opening.ReportClosed:
        form.text.errors.append(_("This report was withdrawn or closed; it takes no new messages."))
        return {"message_form": form}
    return None


def download(opened: opening.OpenReport, attachment_id: int):
    """Send one attachment, decrypted, as a download (never shown inline)."""
    info, data = opening.attachment_bytes(opened, attachment_id)
    return send_file(
        io.BytesIO(data), mimetype=info.mime, as_attachment=True, download_name=info.filename
    )


MB = 1024 * 1024


def uploaded_evidence(field: str = "files") -> tuple[list, list[str]]:
    """Accept the files sent with a form; return them and messages about refused ones."""
    accepted, refused = [], []
    limit = current_app.config["EVIDENCE_MAX_FILE_MB"] * MB
    for upload in request.files.getlist(field):
        if not upload or not upload.filename:
            continue
        try:
            accepted.append(accept(upload.filename, upload.read(), limit))
        except EvidenceRefused as exc:
            refused.append(exc)
    return accepted, refusal_messages(refused)
