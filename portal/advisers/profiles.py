"""Domain functions for adviser profiles: HR keeps them, the directory shows the listed ones."""

from dataclasses import dataclass
from datetime import date

from babel import Locale
from peewee import fn

from portal.advisers.models import AdviserProfile
from portal.core.accounts.models import KeyRing, Person, PersonRole
from portal.core.accounts.roles import Role
from portal.platform import categories, clock, uploads
from portal.platform.database import db

MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_SIDE = 600  # pixels: a card never shows more; smaller blobs in the database
# Languages offered for an adviser; names come from the locale data in the reader's language.
LANGUAGE_CODES = [
    "nl", "en", "fy", "de", "fr", "es", "pt", "it", "pl", "ro",
    "bg", "uk", "tr", "ar", "so", "ti", "pap", "zh",
]  # fmt: skip
# What an adviser can be experienced in: every category except "not sure".
TOPIC_CODES = [kind.code for kind in categories.CATEGORIES if kind.track != categories.UNSURE]


class ProfileError(Exception):
    """A change to an adviser profile that cannot be carried out."""


class NotAnAdviser(ProfileError):
    """Only a person holding the adviser role can have a profile."""


class ProfileExists(ProfileError):
    """The person already has a profile."""


class InvalidStandIn(ProfileError):
    """The stand-in must be another active person holding the adviser role."""


class PhotoRefused(ProfileError):
    """The photo cannot be used; reason is one of: too_large, type, unreadable."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class ProfileData:
    """Everything HR fills in about an adviser, photo aside."""

    external: bool
    organisation: str
    introduction_nl: str
    introduction_en: str
    languages: list[str]
    topics: list[str]
    contact: str
    away_until: date | None
    stand_in_id: int | None
    integrity_contact: bool
    listed: bool


@dataclass(frozen=True)
class Card:
    """One adviser as the directory shows them."""

    profile: AdviserProfile  # loaded without its photo bytes
    name: str
    has_photo: bool
    can_receive: bool  # has a key pair, so reports can be sealed to them
    away: bool
    stand_in_name: str | None
    stand_in_profile_id: int | None  # set when the stand-in is listed too


def language_name(code: str, locale: str) -> str:
    """Return a language's name in the reader's language, or the code when unknown."""
    name = Locale.parse(locale).languages.get(code)
    return name[:1].upper() + name[1:] if name else code


def topic_label(code: str) -> object:
    kind = categories.CATEGORY_BY_CODE.get(code)
    return kind.label if kind else code


def _advisers():
    """Active people holding the adviser role."""
    return (
        Person.select()
        .join(PersonRole)
        .where((PersonRole.role == Role.ADVISER.value) & (Person.active == True))
    )


def candidates() -> list[Person]:
    """Return active advisers who have no profile yet."""
    with_profile = AdviserProfile.select(AdviserProfile.person)
    return list(_advisers().where(Person.id.not_in(with_profile)).order_by(Person.display_name))


def stand_in_candidates(person: Person | None) -> list[Person]:
    """Return the active advisers who may stand in for this person (anyone but themselves)."""
    rows = _advisers().order_by(Person.display_name)
    if person is not None:
        rows = rows.where(Person.id != person.id)
    return list(rows)


def _check(person: Person, data: ProfileData) -> None:
    if not person.has_role(Role.ADVISER):
        raise NotAnAdviser()
    if data.stand_in_id is not None:
        allowed = {p.id for p in stand_in_candidates(person)}
        if data.stand_in_id not in allowed:
            raise InvalidStandIn()


def _apply(profile: AdviserProfile, data: ProfileData) -> None:
    profile.external = data.external
    profile.organisation = data.organisation.strip() if data.external else None
    profile.introduction_nl = data.introduction_nl.strip()
    profile.introduction_en = data.introduction_en.strip()
    profile.languages = ",".join(c for c in LANGUAGE_CODES if c in set(data.languages))
    profile.topics = ",".join(c for c in TOPIC_CODES if c in set(data.topics))
    profile.contact = data.contact.strip()
    profile.away_until = data.away_until
    profile.stand_in = data.stand_in_id
    profile.integrity_contact = data.integrity_contact
    if data.listed and not (profile.listed and profile.listed_since):
        profile.listed_since = clock.today()
    elif not data.listed:
        profile.listed_since = None
    profile.listed = data.listed


def create_profile(person: Person, data: ProfileData, photo: bytes | None = None) -> AdviserProfile:
    """Create the profile of a person who holds the adviser role."""
    _check(person, data)
    with db.atomic():
        if AdviserProfile.select().where(AdviserProfile.person == person).exists():
            raise ProfileExists()
        profile = AdviserProfile(person=person, photo=photo)
        _apply(profile, data)
        profile.save(force_insert=True)
    return profile


def update_profile(
    profile: AdviserProfile,
    data: ProfileData,
    photo: bytes | None = None,
    remove_photo: bool = False,
) -> None:
    """Change a profile; a new photo replaces the old one, or remove_photo drops it."""
    _check(profile.person, data)
    with db.atomic():
        _apply(profile, data)
        if photo is not None:
            profile.photo = photo
        elif remove_photo:
            profile.photo = None
        profile.save()


def prepare_photo(data: bytes) -> bytes:
    """Return the photo re-drawn and made card-sized, so no metadata survives; or refuse it."""
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRefused("too_large")
    mime = uploads.sniff(data, "")
    if mime is None or not mime.startswith("image/"):
        raise PhotoRefused("type")
    try:
        clean, clean_mime = uploads.reencode_image(data, mime, "photo")
    except uploads.EvidenceRefused as exc:
        raise PhotoRefused("too_large" if exc.reason == "too_large" else "unreadable") from exc
    return uploads.fit_within(clean, clean_mime, PHOTO_SIDE)[0]


def photo_mime(photo: bytes) -> str:
    """Return the content type of a stored (re-encoded) photo."""
    return "image/png" if photo.startswith(b"\x89PNG") else "image/jpeg"


def _without_photo(*person_columns):
    """Select profiles with their person, leaving the photo bytes in the database."""
    columns = [f for f in AdviserProfile._meta.sorted_fields if f.name != "photo"]
    has_photo = AdviserProfile.photo.is_null(False).alias("has_photo")
    return AdviserProfile.select(*columns, has_photo, *(person_columns or [Person]))


def all_profiles() -> list[AdviserProfile]:
    """Return every profile with its person, listed or not, by name (for HR)."""
    return list(
        _without_photo()
        .join(Person, on=(AdviserProfile.person == Person.id))
        .order_by(Person.display_name, AdviserProfile.id)
    )


def _shown():
    """Condition for a profile the public may see: listed, of an active adviser."""
    return (
        (AdviserProfile.listed == True)
        & (Person.active == True)
        & Person.id.in_(
            PersonRole.select(PersonRole.person).where(PersonRole.role == Role.ADVISER.value)
        )
    )


def directory(today: date) -> list[Card]:
    """Return the listed, active advisers as cards, by name: one query, two more for stand-ins."""
    can_receive = KeyRing.select(KeyRing.person).where(KeyRing.person == Person.id)
    profiles = list(
        # The person's public facts only: the cards are kept per worker (portal/platform/published.py).
        _without_photo(Person.id, Person.display_name, Person.active)
        .select_extend(fn.EXISTS(can_receive).alias("has_key"))
        .join(Person, on=(AdviserProfile.person == Person.id))
        .where(_shown())
        .order_by(Person.display_name, AdviserProfile.id)
    )
    keyed = {p.person_id for p in profiles if p.has_key}
    stand_in_ids = {p.stand_in_id for p in profiles if p.stand_in_id}
    stand_ins, listed_ids = {}, {}
    if stand_in_ids:  # most directories have none: spare the two queries
        stand_ins = {p.id: p for p in _advisers().where(Person.id.in_(stand_in_ids))}
        listed_ids = {
            row.person_id: row.id
            for row in AdviserProfile.select(AdviserProfile.id, AdviserProfile.person).where(
                AdviserProfile.person.in_(stand_in_ids) & (AdviserProfile.listed == True)
            )
        }
    cards = []
    for profile in profiles:
        stand_in = stand_ins.get(profile.stand_in_id)
        cards.append(
            Card(
                profile=profile,
                name=profile.person.display_name,
                has_photo=bool(profile.has_photo),
                can_receive=profile.person_id in keyed,
                away=profile.is_away(today),
                stand_in_name=stand_in.display_name if stand_in else None,
                stand_in_profile_id=listed_ids.get(profile.stand_in_id),
            )
        )
    return cards


def filter_cards(
    cards: list[Card], kind: str = "", topic: str = "", language: str = ""
) -> list[Card]:
    """Keep the cards that match every filter given (an empty filter matches all)."""
    return [
        card
        for card in cards
        if (not kind or card.profile.external == (kind == "external"))
        and (not topic or topic in card.profile.topic_list)
        and (not language or language in card.profile.language_list)
    ]


def spoken_languages(cards: list[Card]) -> list[str]:
    """Return the language codes that at least one of these advisers speaks, in offer order."""
    spoken = {code for card in cards for code in card.profile.language_list}
    return [c for c in LANGUAGE_CODES if c in spoken] + sorted(spoken - set(LANGUAGE_CODES))


def photo_of(profile_id: int, include_unlisted: bool = False) -> bytes | None:
    """Return the photo of an adviser the directory shows (of any adviser, for HR), or None."""
    query = (
        AdviserProfile.select(AdviserProfile.photo)
        .join(Person, on=(AdviserProfile.person == Person.id))
        .where(AdviserProfile.id == profile_id)
    )
    if not include_unlisted:
        query = query.where(_shown())
    profile = query.first()
    return profile.photo if profile and profile.photo else None
