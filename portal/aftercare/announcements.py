"""HR tells all staff that the policy or the conduct agreements are new or changed.

Each person sees the newest announcement of each page on their home page until they open it;
HR sees how many opened it, never who. What is stored per person, and why that is the least
that works, is told at AnnouncementReader (models.py): one row per person, keyed by the person,
holding only the id of the newest announcement of each page they opened, no time.
"""

from dataclasses import dataclass
from datetime import date

from peewee import fn

from portal.aftercare import pages
from portal.aftercare.models import Announcement, AnnouncementReader
from portal.core.accounts.models import Person
from portal.platform.database import db

NOTE = 2000
SEEN = {"policy": AnnouncementReader.policy_seen, "conduct": AnnouncementReader.conduct_seen}


class AnnouncementError(Exception):
    """An announcement that cannot be made or opened."""


class AnnouncementUnknown(AnnouncementError):
    """No such announcement."""


class NothingToAnnounce(AnnouncementError):
    """The page has no text yet: there is nothing for staff to open."""


class NoteTooLong(AnnouncementError):
    """A note is longer than NOTE characters."""


@dataclass(frozen=True)
class Tally:
    announcement: Announcement
    opened: int
    staff: int  # people with an active account now


def announce(page: str, note_nl: str, note_en: str, author: Person, today: date) -> Announcement:
    """Announce a page to all staff, with an optional note in Dutch and English."""
    if not pages.latest(page):
        raise NothingToAnnounce(page)
    note_nl, note_en = (note_nl or "").strip(), (note_en or "").strip()
    if max(len(note_nl), len(note_en)) > NOTE:
        raise NoteTooLong()
    with db.atomic():
        announcement = Announcement.create(
            page=page, announced_on=today, note_nl=note_nl, note_en=note_en, author=author
        )
        # Everyone gets their row now, all at once and in the people's own order, so that no
        # row is made at the moment someone opens (its place would tell when).
        missing = Person.select(Person.id).where(
            Person.id.not_in(AnnouncementReader.select(AnnouncementReader.person))
        )
        AnnouncementReader.insert_from(
            missing.order_by(Person.id), [AnnouncementReader.person]
        ).execute()
    return announcement


def newest() -> dict[str, Announcement]:
    """Return the newest announcement of each page that has one."""
    ids = Announcement.select(fn.MAX(Announcement.id)).group_by(Announcement.page)
    return {a.page: a for a in Announcement.select().where(Announcement.id.in_(ids))}


def unread_for(person: Person) -> list[Announcement]:
    """Return the newest announcement of each page that this person has not opened yet."""
    latest = newest()
    if not latest:
        return []
    reader = AnnouncementReader.get_or_none(AnnouncementReader.person == person.id)
    unread = []
    for page in pages.PAGES:
        announcement = latest.get(page)
        seen = getattr(reader, f"{page}_seen", None) if reader else None
        if announcement and (seen is None or seen < announcement.id):
            unread.append(announcement)
    return unread


def open_announcement(person: Person, announcement_id: int) -> Announcement:
    """Mark an announcement opened by this person and count it once; return it."""
    announcement = Announcement.get_or_none(Announcement.id == announcement_id)
    if announcement is None:
        raise AnnouncementUnknown(announcement_id)
    seen = SEEN[announcement.page]
    with db.atomic():
        # Someone who joined after the last announcement has no row yet; it is made now.
        AnnouncementReader.insert(person=person.id).on_conflict_ignore().execute()
        newer = (
            AnnouncementReader.update({seen: announcement.id})
            .where(
                (AnnouncementReader.person == person.id)
                & (seen.is_null() | (seen < announcement.id))
            )
            .execute()
        )
        if newer:
            Announcement.update(opened=Announcement.opened + 1).where(
                Announcement.id == announcement.id
            ).execute()
    return announcement


def tallies(page: str) -> list[Tally]:
    """Return every announcement of a page, newest first, with how many opened it."""
    staff = Person.select().where(Person.active).count()
    rows = Announcement.select().where(Announcement.page == page).order_by(Announcement.id.desc())
    return [Tally(row, row.opened, staff) for row in rows]


def note_in(announcement: Announcement, locale: str) -> str:
    """Return the note in this language, else in the other one ("" when there is none)."""
    other = "en" if locale == "nl" else "nl"
    return getattr(announcement, f"note_{locale}", "") or getattr(announcement, f"note_{other}")
