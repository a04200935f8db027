"""HR gives the policy "who does what" its structure (each step's owner and contact, the named
contacts) and uploads the organisation's logo for the posters and the flyer."""

from flask import Response, abort, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from portal.aftercare import logo, policy
from portal.aftercare.blueprint import bp
from portal.aftercare.policy_forms import ContactForm, LogoForm, StepRulesForm
from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.web import access, form_views

THEN = "aftercare.policy"


def contact_messages() -> dict[str, str]:
    """Say what is wrong with a contact field, by the domain's problem code."""
    return {
        "missing": _("Fill this in (in at least one language)."),
        "phone": _("Write the phone number with digits, spaces, +, - or brackets only."),
        "email": _("Write an e-mail address such as name@example.org."),
        "reach": _("Give a phone number or an e-mail address, so people can reach them."),
        "long": _("This is too long."),
    }


def show_contact_problems(form: ContactForm, problem: policy.ContactInvalid) -> None:
    """Put each of the domain's problems on its field."""
    for name, code in problem.fields.items():
        form[name].errors.append(contact_messages()[code])


@bp.route("/policy/steps", methods=["GET", "POST"])
@access.roles(Role.HR)
def policy_steps():
    """Say for each step of the protocol whose task it is and whom to reach."""
    form = StepRulesForm()
    form.set_choices(policy.contacts(), str(get_locale()))
    rules = policy.rules()
    if not form.is_submitted():
        for rule in rules:
            form[f"owner_{rule.number}"].data = rule.owner
            form[f"contact_{rule.number}"].data = str(rule.contact.id) if rule.contact else ""
    return form_views.submit(
        form,
        lambda: policy.save_rules(form.chosen()),
        {
            policy.StepRuleInvalid: form_views.on_form(
                form, _("Choose a task holder and a contact from the lists.")
            )
        },
        saved=_("Who does what has been saved. New cases follow it."),
        then=url_for(THEN) + "#who-does-what",
        page=lambda: render_template("aftercare/policy_steps.html", form=form, rules=rules),
    )


def contact_page(form: ContactForm, contact=None):
    """Render the contact form, new or changing one."""
    return render_template("aftercare/contact_form.html", form=form, contact=contact)


@bp.route("/policy/contacts/new", methods=["GET", "POST"])
@access.roles(Role.HR)
def new_contact():
    """Add a named contact to the policy."""
    form = ContactForm()
    return form_views.submit(
        form,
        lambda: policy.save_contact(form_views.into(policy.ContactData, form)),
        {policy.ContactInvalid: lambda exc: show_contact_problems(form, exc)},
        saved=lambda row: _("%(name)s has been added to the contacts.", name=row.name),
        then=url_for(THEN) + "#contacts",
        page=lambda: contact_page(form),
    )


@bp.route("/policy/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@access.roles(Role.HR)
def edit_contact(contact_id: int):
    """Change a named contact of the policy."""
    try:
        row = policy.contact(contact_id)
    except policy.ContactUnknown:
        abort(404)
    form = ContactForm(obj=row)
    return form_views.submit(
        form,
        lambda: policy.save_contact(form_views.into(policy.ContactData, form), contact_id),
        {
            policy.ContactInvalid: lambda exc: show_contact_problems(form, exc),
            policy.ContactUnknown: form_views.aborted(404),
        },
        saved=lambda row: _("The contact %(name)s has been saved.", name=row.name),
        then=url_for(THEN) + "#contacts",
        page=lambda: contact_page(form, row),
    )


@bp.post("/policy/contacts/<int:contact_id>/delete")
@access.roles(Role.HR)
def delete_contact(contact_id: int):
    """Remove a contact; the steps that named them keep their owner."""
    return form_views.act(
        lambda: policy.delete_contact(contact_id),
        {policy.ContactUnknown: form_views.aborted(404)},
        saved=lambda row: _("%(name)s has been removed from the contacts.", name=row.name),
        then=url_for(THEN) + "#contacts",
    )


def logo_messages() -> dict[str, str]:
    """Say why a file cannot be the logo, by the domain's reason."""
    return {
        "empty": _("Choose a file with the logo."),
        "too_large": _("This file is larger than 2 MB. Choose a smaller one."),
        "svg": _("SVG files are not accepted. Save the logo as PNG and upload that."),
        "type": _("This file is not a PNG or JPEG image. Choose a PNG or JPEG file."),
        "unreadable": _("This image could not be read. Choose another file."),
    }


@bp.route("/logo", methods=["GET", "POST"])
@access.roles(Role.HR)
def logo_page():
    """Show the organisation's logo and upload a new one for the posters and the flyer."""
    form = LogoForm()
    upload = form.logo.data

    def read() -> bytes:
        return upload.read(logo.MAX_BYTES + 1) if isinstance(upload, FileStorage) else b""

    return form_views.submit(
        form,
        lambda: logo.save(read(), current_user, clock.today()),
        {logo.LogoRefused: lambda exc: form.logo.errors.append(logo_messages()[exc.reason])},
        saved=_("The logo has been saved. It is printed on the posters and the flyer."),
        then=url_for("aftercare.logo_page"),
        page=lambda: render_template("aftercare/logo.html", form=form, logo=logo.current()),
    )


@bp.post("/logo/remove")
@access.roles(Role.HR)
def remove_logo():
    """Take the logo off the posters and the flyer."""
    return form_views.act(
        logo.remove,
        {},
        saved=_("The logo has been removed."),
        then=url_for("aftercare.logo_page"),
    )


@bp.get("/logo/image")
@access.roles(Role.HR)
def logo_image():
    """Send the logo as stored (re-drawn, without metadata), for HR's preview."""
    current = logo.current()
    if current is None:
        abort(404)
    response = Response(bytes(current.content), mimetype=current.mime)
    response.headers["Content-Disposition"] = "inline"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
