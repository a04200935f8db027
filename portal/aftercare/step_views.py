"""Working on a case: a step, an evidence item, the platform notice, the police report, check-ins.

Each is its own small page with a plain form (Post/Redirect/Get); a refused form comes back
with everything typed still in it.
"""

from datetime import date

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.aftercare import cases, checkins, items, notify, protocol, steps
from portal.aftercare.blueprint import bp
from portal.aftercare.forms import (
    AskHelpForm,
    CheckForm,
    CheckInForm,
    EvidenceForm,
    NoticeForm,
    PoliceForm,
    StepForm,
    WordsForm,
    tristate,
    tristate_data,
)
from portal.aftercare.views import with_case
from portal.platform import clock
from portal.reports import drafts, flow
from portal.reports.evidence import refusal_messages
from portal.web import access, quick_exit


def back_to(opened: cases.OpenCase, anchor: str = ""):
    """Redirect to the case page, at one of its sections."""
    url = url_for("aftercare.case", reference=opened.case.reference)
    return redirect(f"{url}#{anchor}" if anchor else url)


def staff_step(opened: cases.OpenCase, number: int) -> tuple:
    """Return a protocol step's row and its saved details, for the lead or HR only."""
    cases.require_staff(opened)
    return steps.get_row(opened, number), steps.details(opened, number)


@bp.route("/<reference>/steps/<int:number>", methods=["GET", "POST"])
@access.signed_in
@with_case
def step(opened: cases.OpenCase, number: int):
    """Change who does a step, its status, dates and note."""
    cases.require_staff(opened)
    if number not in protocol.STEP_BY_NUMBER:
        raise steps.StepError()
    current = next(s for s in steps.views(opened, clock.today()) if s.number == number)
    form = StepForm(
        data={
            "owner": current.owner,
            "status": current.status,
            "due_on": current.due_on,
            "done_on": current.done_on,
            "note": current.note,
        }
    )
    if form.validate_on_submit():
        change = steps.StepChange(
            form.owner.data, form.status.data, form.due_on.data, form.done_on.data, form.note.data
        )
        steps.update(opened, number, change, clock.today())
        flash(_("The step has been saved."), "success")
        return back_to(opened, f"step-{number}")
    return render_template("aftercare/step.html", opened=opened, form=form, step=current)


KEPT = "aftercare_evidence_files"


def kept_token(opened: cases.OpenCase) -> str | None:
    """Return the token of the screenshots kept for this case's evidence form, if any."""
    return session.get(KEPT, {}).get(opened.case.reference)


def keep(opened: cases.OpenCase, token: str | None) -> None:
    """Remember (or forget, with None) the kept screenshots' token in the session cookie."""
    kept = dict(session.get(KEPT, {}))
    if token:
        kept[opened.case.reference] = token
    else:
        kept.pop(opened.case.reference, None)
    session[KEPT] = kept


def forget_kept() -> None:
    """Delete the screenshots kept for evidence forms (the quick exit)."""
    for token in session.pop(KEPT, {}).values():
        drafts.discard(token)


quick_exit.forget_on_exit(bp, forget_kept)


def take_screenshots(opened: cases.OpenCase, form: EvidenceForm) -> dict:
    """Keep the uploaded files as a report's draft keeps its evidence (encrypted under a key
    only the session cookie holds), so a form refused for another reason does not lose them;
    apply removals; refused files become field errors. Return the kept files."""
    token = kept_token(opened)
    kept = drafts.load(token) or {}
    flow.remove_files(kept, form.remove.data or [])
    uploads = [
        (upload.filename, upload.read())
        for upload in request.files.getlist(form.screenshots.name)
        if upload and upload.filename
    ]
    config = current_app.config
    refused = []
    for upload in uploads:  # one by one, so an original stays with its own cleaned copy
        before = len(kept.get("files", []))
        refused += flow.add_files(
            kept, [upload], config["EVIDENCE_MAX_FILE_MB"], config["EVIDENCE_MAX_REPORT_MB"]
        )
        added = kept.get("files", [])[before:]
        if added and form.keep_original.data and added[0]["reencoded"]:
            added[0]["original"] = drafts.encode_file(upload[1])
    form.screenshots.errors = list(refusal_messages(refused))
    return kept


def store_kept(opened: cases.OpenCase, form: EvidenceForm, kept: dict) -> None:
    """Store the kept files for the form's next round; when there is no room, say so."""
    token = kept_token(opened)
    if not kept.get("files"):
        drafts.discard(token)
        keep(opened, None)
        return
    try:
        keep(opened, drafts.save(token, kept, request.remote_addr or ""))
    except drafts.StorageFull:
        keep(opened, None)
        drafts.discard(token)
        kept["files"] = []
        form.screenshots.errors.append(
            _("The screenshots could not be kept for a moment: choose them again, please.")
        )


@bp.route("/<reference>/evidence/new", methods=["GET", "POST"])
@access.signed_in
@with_case
def new_evidence(opened: cases.OpenCase):
    """Add an evidence item: where it was posted, by whom, and screenshots (the lead, HR, or
    the employee on their own case)."""
    if opened.case.status == "closed":
        raise cases.CaseClosed()
    form = EvidenceForm()
    if request.method == "GET":
        form.captured_by.data = current_user.display_name
        drafts.discard(kept_token(opened))  # a fresh form starts without earlier files
        keep(opened, None)
        return render_template("aftercare/evidence.html", opened=opened, form=form, kept=[])
    valid = form.validate_on_submit()
    kept = take_screenshots(opened, form)
    if valid and not form.screenshots.errors:
        data = items.ItemData(
            platform=form.platform.data,
            platform_other=form.platform_other.data or "",
            url=form.url.data or "",
            handle=form.handle.data or "",
            account_owner=form.account_owner.data or "",
            others=form.others.data or "",
            seen_at=form.seen_at.data or "",
            captured_by=form.captured_by.data or "",
            still_online=tristate(form.still_online.data),
            checked_on=form.checked_on.data,
            files=flow.evidence_of(kept),
            originals=[
                drafts.decode_file(f["original"]) if f.get("original") else None
                for f in kept.get("files", [])
            ],
        )
        items.add(opened, data, clock.today())
        drafts.discard(kept_token(opened))
        keep(opened, None)
        flash(_("The evidence item has been saved, encrypted."), "success")
        return back_to(opened, "evidence")
    store_kept(opened, form, kept)
    return render_template(
        "aftercare/evidence.html", opened=opened, form=form, kept=kept.get("files", [])
    )


@bp.post("/<reference>/help")
@access.signed_in
@with_case
def ask_help(opened: cases.OpenCase):
    """The employee asks for professional help: step 5 opens for HR, and HR is told (no content)."""
    if opened.role != "employee":
        raise cases.NotAllowed()
    if opened.case.status == "closed":
        raise cases.CaseClosed()
    if AskHelpForm().validate_on_submit():
        if checkins.ask_help(opened, clock.today()):
            notify.help_needed(opened.case)
            flash(_("HR has been told that you would like professional help."), "success")
        else:
            flash(_("Professional help is already being arranged; HR knows."), "info")
    return back_to(opened, f"step-{protocol.PROFESSIONAL}")


@bp.post("/<reference>/evidence/<int:item_id>/check")
@access.signed_in
@with_case
def check_online(opened: cases.OpenCase, item_id: int):
    """Record whether the post is still online today."""
    form = CheckForm()
    if form.validate_on_submit():
        items.record_check(opened, item_id, form.still_online.data == "yes", clock.today())
        flash(_("The check has been saved."), "success")
    else:
        cases.require_staff(opened)
        flash(_("Say whether the post is still online."), "error")
    return back_to(opened, "evidence")


@bp.route("/<reference>/notice", methods=["GET", "POST"])
@access.signed_in
@with_case
def notice(opened: cases.OpenCase):
    """Record the notice to the platform; offer a drafted text to copy from an evidence item."""
    row, saved = staff_step(opened, protocol.PLATFORM)
    form = NoticeForm(
        data={
            "sent_on": row.started_on,
            "decided_on": row.decided_on,
            "removed": tristate_data(row.removed),
            **saved,
        }
    )
    if form.validate_on_submit():
        steps.record_notice(
            opened,
            steps.Notice(
                form.sent_on.data,
                form.platform.data or "",
                form.reference.data or "",
                form.asked.data or "",
                form.decision.data or "",
                form.decided_on.data,
                tristate(form.removed.data),
            ),
        )
        flash(_("The platform notice has been saved."), "success")
        return back_to(opened, f"step-{protocol.PLATFORM}")
    evidence = items.views(opened)
    drafts = [
        (
            item,
            steps.draft_notice(
                item.data,
                current_user.display_name,
                current_user.email,
                current_app.config["ORGANISATION_NAME"],
            ),
        )
        for item in evidence
    ]
    return render_template(
        "aftercare/notice.html",
        opened=opened,
        form=form,
        drafts=drafts,
        complaint_until=protocol.platform_complaint_until(row.decided_on)
        if row.decided_on
        else None,
    )


@bp.route("/<reference>/police", methods=["GET", "POST"])
@access.signed_in
@with_case
def police(opened: cases.OpenCase):
    """Record the police report the organisation files."""
    row, saved = staff_step(opened, protocol.POLICE)
    authorised = saved.pop("authorised_on", "")
    form = PoliceForm(
        data={
            "complaint_offence": row.complaint_offence,
            "learned_on": row.started_on,
            "filed_on": row.done_on,
            "authorised_on": date.fromisoformat(authorised) if authorised else None,
            "address": current_app.config["ORGANISATION_NAME"] if not saved else "",
            **saved,
        }
    )
    if form.validate_on_submit():
        steps.record_police(
            opened,
            steps.PoliceReport(
                form.filed_by.data or "",
                form.address.data or "",
                form.public_task.data,
                form.complaint_offence.data,
                form.learned_on.data,
                form.authorised_on.data,
                form.registration.data or "",
                form.filed_on.data,
            ),
        )
        flash(_("The police report has been saved."), "success")
        return back_to(opened, f"step-{protocol.POLICE}")
    deadline = (
        protocol.police_complaint_until(row.started_on)
        if row.complaint_offence and row.started_on
        else None
    )
    return render_template("aftercare/police.html", opened=opened, form=form, deadline=deadline)


@bp.route("/<reference>/checkins/<kind>", methods=["GET", "POST"])
@access.signed_in
@with_case
def checkin(opened: cases.OpenCase, kind: str):
    """Record a check-in (lead or HR), or add one's own words to it (the employee)."""
    current = next((c for c in checkins.views(opened, clock.today()) if c.kind == kind), None)
    if current is None:
        raise checkins.CheckInNotFound()
    if opened.is_staff:
        form = CheckInForm(
            data={
                "how": current.how,
                "help_needed": current.help_needed,
                "done_on": current.done_on,
            }
        )
        if form.validate_on_submit():
            help_opened = checkins.record(
                opened,
                kind,
                form.how.data,
                form.help_needed.data,
                form.done_on.data or clock.today(),
            )
            flash(_("The check-in has been saved."), "success")
            if help_opened:
                notify.help_needed(opened.case)
                flash(_("Step 5 (professional help) is open for HR; HR has been told."), "success")
            return back_to(opened, "checkins")
    else:
        form = WordsForm(data={"words": current.employee_words})
        if form.validate_on_submit():
            checkins.write_own_words(opened, kind, form.words.data)
            flash(_("Your words have been saved."), "success")
            return back_to(opened, "checkins")
    return render_template(
        "aftercare/checkin.html",
        opened=opened,
        form=form,
        checkin=current,
        protocol_label=protocol.CHECKIN_KINDS[kind],
    )
