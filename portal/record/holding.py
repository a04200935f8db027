"""Files chosen for an entry, kept across a form error, as the report form keeps them.

A browser sends chosen files with one post only. When the entry comes back for a correction,
its accepted files wait in the report form's holding area (reports/drafts.py: encrypted under a
key from a token that only this browser's cookie holds, gone by the end of the next day), and
inside it they are encrypted once more under the record's own data key: whoever holds the
database, the secret key and the cookie still reads nothing of them without the owner's key
(or the record code). Saving the entry, a fresh form or the quick exit deletes them.
"""

import base64
import json

from portal.platform import crypto
from portal.record import entries
from portal.reports import drafts
from portal.reports.evidence import Evidence


def _context(opened: entries.OpenRecord, target: str) -> bytes:
    return crypto.associated_data(f"record:{opened.record.uid}", f"held:{target}")


def _encode(files: list[Evidence]) -> bytes:
    return json.dumps(
        [f.as_dict() | {"data": base64.b64encode(f.data).decode()} for f in files]
    ).encode()


def _decode(raw: bytes) -> list[Evidence]:
    return [
        Evidence(f["filename"], f["mime"], base64.b64decode(f["data"]), f["sha256"], f["reencoded"])
        for f in json.loads(raw)
    ]


def keep(
    opened: entries.OpenRecord, token: str | None, target: str, files: list[Evidence], address: str
) -> str | None:
    """Hold the files for the entry form `target` ("new" or an entry's uid); return the token
    (None when there is nothing to hold). Raise drafts.StorageFull when there is no room."""
    if not files:  # none (left): forget those held for this form, keep another form's
        content = drafts.load(token)
        if content and content.get("target") != target:
            return token
        discard(token)
        return None
    sealed = crypto.encrypt(opened.data_key, _encode(files), _context(opened, target))
    content = {"target": target, "sealed": base64.b64encode(sealed).decode()}
    return drafts.save(token, content, address)


def held(opened: entries.OpenRecord, token: str | None, target: str) -> list[Evidence]:
    """Return the files held for this entry form, or none (another form's, gone, not ours)."""
    content = drafts.load(token)
    if not content or content.get("target") != target or "sealed" not in content:
        return []
    try:
        raw = crypto.decrypt(
            opened.data_key, base64.b64decode(content["sealed"]), _context(opened, target)
        )
    except crypto.DecryptionFailed:
        return []
    return _decode(raw)


def discard(token: str | None) -> None:
    """Delete the held files for good."""
    drafts.discard(token)
