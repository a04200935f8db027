"""Report together, the writer's pages: what it is, my held reports, hold one, withdraw, go on."""

from flask import abort, current_app, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts import sessions
from portal.core.accounts.roles import Role
from portal.platform import clock, kdf_gate
from portal.platform.i18n import day_text
from portal.record import entries, sharing
from portal.reports import filing
from portal.together import holding, matching
from portal.together.blueprint import bp
from portal.together.forms import ActionForm, ContactForm, HoldForm
from portal.web import access, form_views


def private_key() -> bytes | None:
    return sessions.vault_secret(current_user, "private_key")


@bp.get("/")
@access.roles(Role.EMPLOYEE)
def index():
    """What report together is, and the writer's held reports with what became of them."""
    today = clock.today()
    return render_template(
        "together/index.html",
        available=matching.holding_public() is not None,
        key_closed=private_key() is None,
        held=holding.mine(private_key(), today),
        today=today,
    )


def entry_title(view: entries.EntryView) -> str:
    """How the hold form names a record entry: its title, or the start of what happened."""
    text = (view.content.get("title") or view.content.get("what") or "").strip()
    return text if len(text) <= 80 else text[:79] + "…"


def _record() -> entries.OpenRecord | None:
    key = private_key()
    return entries.find(key) if key is not None else None


def _record_entries(opened: entries.OpenRecord | None) -> list[entries.EntryView]:
    return [v for v in entries.read_entries(opened) if v.content] if opened else []


def _choices(form: HoldForm, record_entries: list[entries.EntryView]) -> None:
    form.entries.choices = [
        (view.uid, f"{day_text(view.happened_on)}: {entry_title(view)}") for view in record_entries
    ]
    form.about.choices = [("", _("Choose…"))] + [
        (p.id, p.display_name) for p in holding.directory(current_user)
    ]
    form.adviser.choices = [("", _("Choose…"))] + [
        (a.id, a.display_name) for a in filing.listed_advisers()
    ]


@bp.route("/new", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def new():
    """Hold a report about someone in the staff directory."""
    form = HoldForm()
    opened = _record()
    _choices(form, _record_entries(opened))
    if not form.is_submitted():
        form.contact_name.data = current_user.display_name
        form.contact_email.data = current_user.email
    page = lambda: render_template(  # noqa: E731
        "together/new.html",
        form=form,
        available=matching.holding_public() is not None,
        key_closed=private_key() is None,
    )

    def hold():
        wanted = holding.Holding(
            about=form.about.data,
            category=form.category.data,
            what=form.what.data.strip(),
            adviser=form.adviser.data,
            contact=form.contact(),
            record_entries=[
                sharing.as_incident(view)
                for view in (sharing.picked(opened, form.entries.data or []) if opened else [])
            ],
        )
        return holding.hold(current_user, private_key(), wanted, clock.today())

    return form_views.submit(
        form,
        hold,
        {
            holding.NotAvailable: form_views.on_form(
                form, _("Report together is not set up yet. Your text is still here.")
            ),
            holding.KeyClosed: form_views.on_form(
                form,
                _("Your personal key is closed. Sign out and sign in again with your password."),
            ),
            holding.NotInDirectory: form_views.on_field(
                form.about, _("Choose someone from the staff directory.")
            ),
            holding.AlreadyHeld: form_views.on_field(
                form.about,
                _(
                    "You already hold a report about this person. You can change nothing in it, but you can withdraw it and write it again."
                ),
            ),
            holding.TooMany: form_views.on_form(
                form,
                lambda exc: _(
                    "You already hold %(n)d reports, the most at once. Withdraw one first.",
                    n=current_app.config["TOGETHER_MAX_HELD"],
                ),
            ),
            filing.FilingError: form_views.on_field(
                form.adviser, _("Choose one of the advisers in the list.")
            ),
        },
        saved=_(
            "Your report is held. Nobody can read it. You will see here when there is a match."
        ),
        then=url_for("together.index"),
        page=page,
    )


@bp.post("/held/<reference>/withdraw")
@access.roles(Role.EMPLOYEE)
def withdraw_held(reference: str):
    """Delete one of my held reports: nothing of it stays."""
    if not ActionForm().validate_on_submit():
        abort(400)
    return form_views.act(
        lambda: holding.withdraw(private_key(), reference, clock.today()),
        {holding.HeldNotFound: form_views.aborted(404)},
        saved=_("Your held report is withdrawn and deleted."),
        then=url_for("together.index"),
    )


@bp.route("/held/<reference>/go-on", methods=["GET", "POST"])
@access.roles(Role.EMPLOYEE)
def go_on(reference: str):
    """After a match: see what goes to whom, then file it as a confidential report."""
    today = clock.today()
    try:
        held = holding.find(private_key(), reference, today)
    except holding.HeldNotFound:
        abort(404)
    if not held.matched:
        abort(404)
    adviser = next((a for a in filing.listed_advisers() if a.id == int(held.body["adviser"])), None)
    form = ContactForm()
    if not form.is_submitted():
        contact = held.body.get("contact") or {}
        form.contact_name.data = contact.get("name", "")
        form.contact_email.data = contact.get("email", "")
        form.contact_phone.data = contact.get("phone", "")

    def file():
        return holding.go_on(
            private_key(),
            reference,
            today,
            current_app.config["FIRST_CONTACT_WORKING_DAYS"],
            form.contact(),
        )

    return form_views.submit(
        form,
        file,
        {
            filing.AdviserUnavailable: form_views.on_form(
                form,
                _(
                    "The adviser you chose cannot receive reports now. Withdraw this held report and write it again with another adviser, or contact an adviser directly."
                ),
            ),
            kdf_gate.Busy: form_views.on_form(
                form, _("The portal is busy. Try again in a few seconds.")
            ),
        },
        saved=_(
            "Your report is with the adviser you chose, as a confidential report. You find it under My reports."
        ),
        then=url_for("followup.my_reports"),
        page=lambda: render_template("together/go_on.html", held=held, adviser=adviser, form=form),
    )
