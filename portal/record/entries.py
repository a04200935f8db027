"""A person's own record: found and opened with their own key, written as chained versions.

Every entry's content is encrypted under the record's data key (AEAD, associated data naming
the record and the field); the data key is sealed to the owner's public key only. Editing adds
a version; each version holds the hash of the one before over the *encrypted* content, and the
record keeps an encrypted manifest of every entry's last version, so a change or a removal made
behind the portal's back shows when the chain is verified (see chain.py).
"""

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from portal.core.audit import log as audit
from portal.platform import crypto
from portal.platform.database import db
from portal.platform.i18n import lazy_gettext as _l
from portal.record import dates
from portal.record.models import JournalEntry, JournalFile, JournalRecord, JournalVersion
from portal.reports.evidence import Evidence

# The five forms of unwanted behaviour, then integrity, online and "not sure".
FORMS = [
    ("intimidation", _l("Intimidation")),
    ("bullying", _l("Bullying")),
    ("aggression", _l("Aggression and violence")),
    ("discrimination", _l("Discrimination")),
    ("sexual_harassment", _l("Sexual harassment")),
    ("integrity", _l("Integrity violation")),
    ("online", _l("Online harassment")),
    ("unsure", _l("Not sure")),
]
FORM_LABELS = dict(FORMS)
RELATIONS = [
    ("colleague", _l("Colleague")),
    ("manager", _l("Manager")),
    ("client", _l("Client")),
    ("other", _l("Other")),
]
RELATION_LABELS = dict(RELATIONS)
MANIFEST_BLOCK = 4096  # about 30 entries a block
TEXT_FIELDS = ("title", "place", "channel", "post_url", "witnesses", "what", "effect", "actions")


class RecordNotFound(Exception):
    """There is no record for this key, or the key does not open it."""


class EntryNotFound(Exception):
    """No such entry in this record."""


@dataclass(frozen=True)
class OpenRecord:
    record: JournalRecord
    data_key: bytes


@dataclass
class EntryView:
    uid: str
    number: int  # the current version
    written_on: date  # the day the first version was written
    changed_on: date  # the day the current version was written
    content: dict | None  # None: this version cannot be decrypted (changed behind our back)
    files: list[dict] = field(default_factory=list)

    @property
    def happened_on(self) -> date | None:
        return date.fromisoformat(self.content["happened_on"]) if self.content else None

    @property
    def happened_until(self) -> date | None:
        return self.when.until if self.content else None

    @property
    def when(self) -> dates.When | None:
        """When it happened, as exactly as the person knows it (see dates.py)."""
        return dates.when(self.content) if self.content else None


@dataclass(frozen=True)
class VersionView:
    number: int
    written_on: date
    hash: str
    content: dict | None


def record_lookup(private_key: bytes) -> str:
    """Return the digest the owner's record is found by: keyed with their own private key."""
    return hashlib.blake2b(
        b"journal-record", key=private_key, digest_size=32, person=b"vertrouwd-journ"
    ).hexdigest()


def _context(record: JournalRecord, name: str) -> bytes:
    return crypto.associated_data(f"record:{record.uid}", name)


def _seal_json(opened: OpenRecord, name: str, value, block: int = 1) -> bytes:
    raw = json.dumps(value, sort_keys=True).encode()
    raw = raw.ljust(-(-len(raw) // block) * block)  # JSON allows the trailing spaces
    return crypto.encrypt(opened.data_key, raw, _context(opened.record, name))


def seal_manifest(opened: OpenRecord, listed: dict, sequence: int) -> bytes:
    """Encrypt the record's manifest, padded to whole blocks: an empty record and one with a
    few entries have manifests of the same length (every key holder has a record)."""
    content = {"entries": listed, "sequence": sequence}
    return _seal_json(opened, "manifest", content, MANIFEST_BLOCK)


def _open_json(opened: OpenRecord, name: str, blob: bytes):
    return json.loads(crypto.decrypt(opened.data_key, bytes(blob), _context(opened.record, name)))


def find(private_key: bytes) -> OpenRecord | None:
    """Open the record that belongs to this private key, or return None when there is none."""
    record = JournalRecord.get_or_none(JournalRecord.lookup == record_lookup(private_key))
    if record is None:
        return None
    try:
        return OpenRecord(record, crypto.unseal(private_key, bytes(record.sealed_key)))
    except crypto.DecryptionFailed as exc:
        raise RecordNotFound() from exc


def genesis(entry_uid: str) -> str:
    return hashlib.sha256(b"vertrouwd-record|" + entry_uid.encode()).hexdigest()


def version_hash(prev_hash: str, entry_uid: str, number: int, day: date, body: bytes) -> str:
    """Hash one version over the hash before it and its encrypted content."""
    parts = [prev_hash, entry_uid, str(number), day.isoformat(), hashlib.sha256(body).hexdigest()]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def read_manifest(opened: OpenRecord) -> tuple[dict, int]:
    """Return {entry uid: [versions, head hash]} and the number of changes ever saved to the
    record (it only rises, deletions included: the owner's anchor compares it, see anchor.py);
    raise DecryptionFailed when the manifest was changed."""
    stored = _open_json(opened, "manifest", opened.record.manifest)
    if "entries" not in stored:  # written before the count of changes was kept
        return stored, 0
    return stored["entries"], stored["sequence"]


def _save_manifest(opened: OpenRecord, content: dict) -> None:
    sequence = read_manifest(opened)[1] + 1 if opened.record.manifest else 0
    opened.record.manifest = seal_manifest(opened, content, sequence)
    JournalRecord.update(manifest=opened.record.manifest).where(
        JournalRecord.id == opened.record.id
    ).execute()


def _store_files(opened: OpenRecord, entry: JournalEntry, files: list[Evidence], today: date):
    listed = []
    for evidence in files:
        uid = secrets.token_hex(12)
        meta = evidence.as_dict() | {"uid": uid, "size": evidence.size}
        JournalFile.create(
            entry=entry,
            uid=uid,
            added_on=today,
            size=evidence.size,
            meta=_seal_json(opened, f"file-meta:{uid}", meta),
            content=crypto.encrypt(
                opened.data_key, evidence.data, _context(opened.record, f"file:{uid}")
            ),
        )
        listed.append({"uid": uid, "filename": evidence.filename, "sha256": evidence.sha256})
    return listed


def _add_version(opened: OpenRecord, entry: JournalEntry, content: dict, today: date) -> int:
    last = entry.versions.order_by(JournalVersion.number.desc()).first()
    number = last.number + 1 if last else 1
    prev_hash = last.hash if last else genesis(entry.uid)
    body = _seal_json(opened, f"entry:{entry.uid}:{number}", content)
    digest = version_hash(prev_hash, entry.uid, number, today, body)
    JournalVersion.create(
        entry=entry, number=number, written_on=today, body=body, prev_hash=prev_hash, hash=digest
    )
    listed = read_manifest(opened)[0]
    listed[entry.uid] = [number, digest]
    _save_manifest(opened, listed)
    return number


def add_entry(opened: OpenRecord, content: dict, files: list[Evidence], today: date) -> str:
    """Write a new entry (its first version, with its evidence); return its uid."""
    with db.atomic():
        entry = JournalEntry.create(
            record=opened.record, uid=secrets.token_hex(12), written_on=today
        )
        content = dict(content, files=_store_files(opened, entry, files, today))
        _add_version(opened, entry, content, today)
    return entry.uid


def _entry_row(opened: OpenRecord, uid: str) -> JournalEntry:
    entry = JournalEntry.get_or_none(
        (JournalEntry.uid == uid) & (JournalEntry.record == opened.record.id)
    )
    if entry is None:
        raise EntryNotFound()
    return entry


def edit_entry(
    opened: OpenRecord, uid: str, content: dict, files: list[Evidence], today: date
) -> int:
    """Write a new version of an entry (older versions stay); return its number."""
    with db.atomic():
        entry = _entry_row(opened, uid)
        current = read_entry(opened, uid)
        kept = current.content.get("files", []) if current.content else []
        content = dict(content, files=kept + _store_files(opened, entry, files, today))
        return _add_version(opened, entry, content, today)


def _decrypt_version(opened: OpenRecord, entry_uid: str, version: JournalVersion) -> dict | None:
    return _decrypt_body(opened, entry_uid, version.number, version.body)


def _decrypt_body(opened: OpenRecord, entry_uid: str, number: int, body: bytes) -> dict | None:
    try:
        return _open_json(opened, f"entry:{entry_uid}:{number}", body)
    except (crypto.DecryptionFailed, ValueError):
        return None


@dataclass(frozen=True)
class VersionRow:
    """One stored version as the timeline and the chain check read it (one query for both)."""

    uid: str
    first_day: date
    number: int
    written_on: date
    body: bytes
    prev_hash: str
    hash: str


def version_rows(opened: OpenRecord) -> list[VersionRow]:
    """Return every stored version of the record, entry by entry, oldest first."""
    rows = (
        JournalVersion.select(
            JournalEntry.uid,
            JournalEntry.written_on,
            JournalVersion.number,
            JournalVersion.written_on,
            JournalVersion.body,
            JournalVersion.prev_hash,
            JournalVersion.hash,
        )
        .join(JournalEntry)
        .where(JournalEntry.record == opened.record.id)
        .order_by(JournalEntry.id, JournalVersion.number)
        .tuples()
    )
    return [
        VersionRow(uid, _day(first), number, _day(day), bytes(body), prev_hash, digest)
        for uid, first, number, day, body, prev_hash, digest in rows
    ]


def read_entries(opened: OpenRecord, rows: list[VersionRow] | None = None) -> list[EntryView]:
    """Return every entry at its current version, in the order things happened."""
    found = rows if rows is not None else version_rows(opened)
    latest = {row.uid: row for row in found}  # the last version of each entry wins
    views = []
    for row in latest.values():
        content = _decrypt_body(opened, row.uid, row.number, row.body)
        files = content.get("files", []) if content else []
        views.append(EntryView(row.uid, row.number, row.first_day, row.written_on, content, files))
    return sorted(views, key=order_key)


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def order_key(view: EntryView) -> tuple:
    """Sort by the day it happened, then the time; unreadable entries last."""
    if view.content is None:
        return (date.max, "", view.written_on)
    return (view.happened_on, view.content.get("time") or "", view.written_on)


def read_entry(opened: OpenRecord, uid: str) -> EntryView:
    """Return one entry at its current version, or raise EntryNotFound."""
    entry = _entry_row(opened, uid)
    version = entry.versions.order_by(JournalVersion.number.desc()).first()
    if version is None:
        raise EntryNotFound()
    content = _decrypt_version(opened, uid, version)
    files = content.get("files", []) if content else []
    return EntryView(uid, version.number, entry.written_on, version.written_on, content, files)


def history(opened: OpenRecord, uid: str) -> list[VersionView]:
    """Return every version of an entry, oldest first."""
    entry = _entry_row(opened, uid)
    return [
        VersionView(v.number, v.written_on, v.hash, _decrypt_version(opened, uid, v))
        for v in entry.versions.order_by(JournalVersion.number)
    ]


def all_versions(opened: OpenRecord) -> dict[str, list[VersionView]]:
    """Return every version of every entry by entry uid, oldest first (one query)."""
    rows = (
        JournalVersion.select(JournalVersion, JournalEntry)
        .join(JournalEntry)
        .where(JournalEntry.record == opened.record.id)
        .order_by(JournalEntry.id, JournalVersion.number)
    )
    found: dict[str, list[VersionView]] = {}
    for v in rows:
        uid = v.entry.uid
        content = _decrypt_version(opened, uid, v)
        found.setdefault(uid, []).append(VersionView(v.number, v.written_on, v.hash, content))
    return found


def read_file(opened: OpenRecord, entry_uid: str, file_uid: str) -> tuple[dict, bytes]:
    """Return an evidence file's description and bytes, or raise EntryNotFound."""
    entry = _entry_row(opened, entry_uid)
    row = JournalFile.get_or_none((JournalFile.uid == file_uid) & (JournalFile.entry == entry.id))
    if row is None:
        raise EntryNotFound()
    try:
        meta = _open_json(opened, f"file-meta:{row.uid}", row.meta)
        data = crypto.decrypt(
            opened.data_key, bytes(row.content), _context(opened.record, f"file:{row.uid}")
        )
    except crypto.DecryptionFailed as exc:
        raise EntryNotFound() from exc
    return meta, data


def files_total(opened: OpenRecord, entry_uid: str) -> int:
    """Return the bytes of evidence an entry holds."""
    entry = _entry_row(opened, entry_uid)
    return sum(row.size for row in entry.files)


def _log(opened: OpenRecord, action: str, today: date) -> None:
    # No person and a day, not a time: the access log must not tie anyone to this record.
    subject = SimpleNamespace(uid=f"record:{opened.record.uid}", reference="record")
    audit.record_day(subject, None, action, "", today)


def delete_entry(opened: OpenRecord, uid: str, today: date) -> None:
    """Delete an entry with all its versions and files (SQLite overwrites the freed pages)."""
    with db.atomic():
        entry = _entry_row(opened, uid)
        JournalFile.delete().where(JournalFile.entry == entry.id).execute()
        JournalVersion.delete().where(JournalVersion.entry == entry.id).execute()
        entry.delete_instance()
        listed = read_manifest(opened)[0]
        listed.pop(uid, None)
        _save_manifest(opened, listed)
        _log(opened, "record.entry_deleted", today)


def delete_record(opened: OpenRecord, today: date) -> None:
    """Delete the whole record: every entry, version and file, and its key."""
    with db.atomic():
        entries = JournalEntry.select(JournalEntry.id).where(
            JournalEntry.record == opened.record.id
        )
        JournalFile.delete().where(JournalFile.entry.in_(entries)).execute()
        JournalVersion.delete().where(JournalVersion.entry.in_(entries)).execute()
        JournalEntry.delete().where(JournalEntry.record == opened.record.id).execute()
        JournalRecord.delete().where(JournalRecord.id == opened.record.id).execute()
        _log(opened, "record.deleted", today)
