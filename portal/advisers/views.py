"""The directory of confidential advisers for everyone, and HR's pages to keep it."""

import base64
import binascii

from flask import Response, abort, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from portal.advisers import profiles
from portal.advisers.blueprint import bp
from portal.advisers.forms import DirectoryFilter, NewProfileForm, ProfileForm, initial_data
from portal.advisers.models import AdviserProfile
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.platform import clock, published
from portal.platform.i18n import current_locale
from portal.web import access, form_views
from portal.web.navigation import may_open
from portal.web.pages import render_page


@bp.app_template_filter("adviser_language")
def adviser_language(code: str) -> str:
    """Name a language code in the reader's language."""
    return profiles.language_name(code, current_locale())


@bp.app_template_filter("adviser_topic")
def adviser_topic(code: str) -> str:
    """Name a topic (a report category code)."""
    return str(profiles.topic_label(code))


def photo_refusals() -> dict[str, str]:
    return {
        "too_large": _("This photo is larger than 5 MB. Choose a smaller one."),
        "type": _("This file is not a photo. Choose a JPEG, PNG, GIF or WebP image."),
        "unreadable": _("This photo could not be read. Choose another one."),
    }


@bp.get("/", endpoint="directory")
@access.public
def directory():
    """Show every listed adviser, so anyone can choose freely; optionally narrowed down."""
    today, locale = clock.today(), current_locale()
    cards = published.kept(("directory", today), lambda: profiles.directory(today))
    form = DirectoryFilter(request.args)
    form.set_choices(profiles.spoken_languages(cards), locale)
    values = form.values()  # only values on offer: a bounded set of keys
    cards_html = published.kept_html(
        ("directory_cards", locale, today, *values.values(), may_open("reports.one_page")),
        "advisers/_cards.html",
        cards=profiles.filter_cards(cards, **values),
        everyone=cards,
        filtered=any(values.values()),
    )
    return render_page(
        "advisers/directory.html",
        cards_html,
        cards_html=cards_html,
        everyone=cards,
        integrity_contacts=[c for c in cards if c.profile.integrity_contact],
        form=form,
    )


@bp.get("/<int:profile_id>/photo")
@access.public
def photo(profile_id: int):
    """Send an adviser's photo (re-encoded when it was uploaded, so it carries no metadata)."""
    data = profiles.photo_of(profile_id, include_unlisted=may_open("advisers.manage"))
    if data is None:
        abort(404)
    response = Response(data, mimetype=profiles.photo_mime(data))
    response.headers["Content-Disposition"] = "inline"
    return response


@bp.get("/manage")
@access.roles(Role.HR)
def manage():
    """List every adviser profile, listed or not, and the advisers still without one."""
    return render_template(
        "advisers/manage.html",
        rows=profiles.all_profiles(),
        candidates=profiles.candidates(),
        today=clock.today(),
    )


def take_photo(form: ProfileForm) -> bytes | None:
    """Return the new photo, re-encoded (an upload, or one kept from an earlier try); or None.

    A refused upload becomes an error on the photo field. Whatever is returned is also kept in
    the form, so that a form shown again for another error does not lose the photo.
    """
    photo = None
    upload = form.photo.data
    if isinstance(upload, FileStorage) and upload.filename:
        try:
            photo = profiles.prepare_photo(upload.read(profiles.MAX_PHOTO_BYTES + 1))
        except profiles.PhotoRefused as exc:
            form.photo.errors.append(photo_refusals()[exc.reason])
    if photo is None and form.pending_photo.data and not form.remove_photo.data:
        try:
            photo = profiles.prepare_photo(base64.b64decode(form.pending_photo.data, validate=True))
        except (binascii.Error, ValueError, profiles.PhotoRefused):
            photo = None
    form.pending_photo.data = base64.b64encode(photo).decode() if photo else ""
    return photo


def saved_message(photo: bytes | None) -> str:
    if photo is not None:
        return _(
            "The profile has been saved. The photo was re-drawn: hidden details such as "
            "location, camera and date were removed."
        )
    return _("The profile has been saved.")


def stand_in_problem(form) -> form_views.Problems:
    """Put a refused stand-in on the stand-in field (both profile forms have one)."""
    return {
        profiles.InvalidStandIn: form_views.on_field(
            form.stand_in, _("The stand-in must be another adviser.")
        )
    }


def render_form(form: ProfileForm, profile: AdviserProfile | None):
    pending = form.pending_photo.data
    return render_template(
        "advisers/profile_form.html",
        form=form,
        profile=profile,
        pending_mime=profiles.photo_mime(base64.b64decode(pending)) if pending else None,
    )


@bp.route("/manage/new", methods=["GET", "POST"])
@access.roles(Role.HR)
def new_profile():
    """Create the profile of a person who holds the adviser role."""
    form = NewProfileForm(data={"languages": ["nl"], "person": request.args.get("person", "")})
    form.set_person_choices(profiles.candidates())
    form.set_choices(profiles.stand_in_candidates(None), current_locale())
    valid = form.validate_on_submit()
    photo = take_photo(form) if request.method == "POST" else None
    if valid and not form.photo.errors:
        person = Person.get_by_id(int(form.person.data))
        done = form_views.save(
            lambda: profiles.create_profile(person, form.profile_data(), photo),
            {
                profiles.NotAnAdviser: form_views.on_field(
                    form.person, _("This person does not hold the role of adviser.")
                ),
                profiles.ProfileExists: form_views.on_field(
                    form.person, _("This adviser already has a profile.")
                ),
                **stand_in_problem(form),
            },
            saved=saved_message(photo),
            then=lambda profile: url_for("advisers.edit_profile", profile_id=profile.id),
        )
        if done is not None:
            return done
    return render_form(form, None)


@bp.route("/manage/<int:profile_id>", methods=["GET", "POST"])
@access.roles(Role.HR)
def edit_profile(profile_id: int):
    """Change an adviser's profile: every field, the photo, integrity contact, listing."""
    profile = AdviserProfile.get_or_none(AdviserProfile.id == profile_id) or abort(404)
    form = ProfileForm(data=initial_data(profile))
    form.set_choices(profiles.stand_in_candidates(profile.person), current_locale())
    valid = form.validate_on_submit()
    photo = take_photo(form) if request.method == "POST" else None
    if valid and not form.photo.errors:
        done = form_views.save(
            lambda: profiles.update_profile(
                profile, form.profile_data(), photo, remove_photo=form.remove_photo.data
            ),
            stand_in_problem(form),
            saved=saved_message(photo),
            then=url_for("advisers.edit_profile", profile_id=profile.id),
        )
        if done is not None:
            return done
    return render_form(form, profile)
