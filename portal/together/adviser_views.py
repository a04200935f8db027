"""Report together, the advisers' page: set matching up, give the secret on, check held reports.

No page shows how many reports are held, for whom or by whom: not here, not anywhere."""

from flask import abort, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.core.accounts import keyring
from portal.core.accounts.models import Person, PersonRole
from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.together import matching
from portal.together.blueprint import bp
from portal.together.forms import ActionForm, GiveForm
from portal.together.views import private_key
from portal.web import access, form_views


def _give_form() -> GiveForm:
    form = GiveForm()
    holders = {p.id for p in matching.keyholders()}
    advisers = (
        Person.select()
        .join(PersonRole, on=(PersonRole.person == Person.id))
        .where((PersonRole.role == str(Role.ADVISER)) & (Person.active == True))  # noqa: E712
        .order_by(Person.display_name)
    )
    form.adviser.choices = [("", _("Choose…"))] + [
        (p.id, p.display_name) for p in advisers if p.id not in holders and p.id != current_user.id
    ]
    return form


def _page(give: GiveForm | None = None, status: int = 200):
    key = private_key()
    return render_template(
        "together/advisers.html",
        set_up=matching.holding_public() is not None,
        holds=matching.holds(current_user),
        key_closed=key is None,
        keyholders=matching.keyholders(),
        check_code=keyring.check_code_of(current_user.id),
        give=give or _give_form(),
    ), status


@bp.get("/advisers")
@access.roles(Role.ADVISER)
def advisers():
    """Whether I hold the matching secret, my check code, and the forms to act."""
    return _page()


@bp.post("/advisers/set-up")
@access.roles(Role.ADVISER)
def set_up():
    """Make the matching secret, sealed to my own key (only while nobody holds one)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    return form_views.act(
        lambda: matching.set_up(current_user, private_key(), clock.today()),
        {
            matching.AlreadySetUp: form_views.flashed(
                _(
                    "Report together is already set up. Ask an adviser who holds the secret to give it to you."
                )
            ),
            matching.NotAdviser: form_views.flashed(
                _("Your personal key is closed. Sign out and sign in again with your password.")
            ),
        },
        saved=_("Report together is set up. You hold the matching secret."),
        then=url_for("together.advisers"),
    )


@bp.post("/advisers/give")
@access.roles(Role.ADVISER)
def give():
    """Give the matching secret to another adviser whose check code I typed."""
    form = _give_form()
    if not form.validate_on_submit():
        return _page(form, 400)
    result = form_views.save(
        lambda: matching.give(
            current_user, private_key(), form.adviser.data, form.check_code.data, clock.today()
        ),
        {
            matching.WrongCheckCode: form_views.on_field(
                form.check_code,
                _("This is not the code on their screen. Check it with them again, in person."),
            ),
            matching.NotKeyholder: form_views.on_form(
                form, _("You do not hold the matching secret, so you cannot give it.")
            ),
            matching.NotAdviser: form_views.on_field(
                form.adviser, _("This adviser has no key pair yet: they sign in once first.")
            ),
        },
        saved=lambda receiver: _(
            "%(name)s now holds the matching secret.", name=receiver.display_name
        ),
        then=url_for("together.advisers"),
    )
    return result if result is not None else _page(form, 400)


@bp.post("/advisers/check")
@access.roles(Role.ADVISER)
def check():
    """Match held reports now (also done at every sign-in of an adviser holding the secret)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    return form_views.act(
        lambda: matching.check_held(current_user, private_key(), clock.today()),
        {
            matching.NotKeyholder: form_views.flashed(
                _("You do not hold the matching secret, so you cannot match held reports.")
            ),
            matching.NotAdviser: form_views.flashed(
                _("Your personal key is closed. Sign out and sign in again with your password.")
            ),
        },
        saved=_("Held reports are matched. Writers with a match see it on their page."),
        then=url_for("together.advisers"),
    )
