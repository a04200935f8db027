"""Checking a record's version chain: every change or removal made behind the portal's back."""

import hashlib
from dataclasses import dataclass

from portal.platform import crypto
from portal.record import entries

EDITED = "edited"  # a version's stored bytes no longer match its hash
MISSING_BEFORE = "missing_before"  # a version before this one was removed or replaced
MISSING = "missing"  # versions or a whole entry the record lists are gone
UNKNOWN = "unknown"  # an entry the record never listed
MANIFEST = "manifest"  # the record's own list was changed


@dataclass(frozen=True)
class Problem:
    entry_uid: str
    number: int
    what: str


@dataclass(frozen=True)
class Verification:
    head: str  # the chain head printed on exports
    versions: int
    problems: list[Problem]
    sequence: int = 0  # changes ever saved to the record, as its manifest says

    @property
    def intact(self) -> bool:
        return not self.problems


def head_of(listed: dict) -> str:
    """Return one hash over every entry's last version: the record's chain head."""
    lines = "\n".join(f"{uid}:{count}:{last}" for uid, (count, last) in sorted(listed.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


def verify(
    opened: entries.OpenRecord, rows: list[entries.VersionRow] | None = None
) -> Verification:
    """Walk every entry's versions against their hashes and the record's manifest."""
    problems: list[Problem] = []
    sequence = 0
    try:
        listed, sequence = entries.read_manifest(opened)
    except (crypto.DecryptionFailed, ValueError, KeyError):
        listed = None
        problems.append(Problem("", 0, MANIFEST))
    found: dict[str, list] = {}
    count = 0
    for row in rows if rows is not None else entries.version_rows(opened):
        count += 1
        seen = found.setdefault(row.uid, [0, entries.genesis(row.uid)])
        if (
            entries.version_hash(row.prev_hash, row.uid, row.number, row.written_on, row.body)
            != row.hash
        ):
            problems.append(Problem(row.uid, row.number, EDITED))
        if row.prev_hash != seen[1] or row.number != seen[0] + 1:
            problems.append(Problem(row.uid, row.number, MISSING_BEFORE))
        found[row.uid] = [row.number, row.hash]
    if listed is not None:
        for uid, (number, last) in listed.items():
            if found.get(uid) != [number, last]:
                problems.append(Problem(uid, number, MISSING))
        problems += [
            Problem(uid, n, UNKNOWN) for uid, (n, _h) in found.items() if uid not in listed
        ]
    return Verification(head_of(listed if listed is not None else found), count, problems, sequence)
