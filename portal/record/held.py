"""What this browser holds open: a record kept by its code, held like a report opened with its
receipt code (followup/access.py): half of its key in the cookie, half in a follow-up record."""

from portal.followup import access as holding
from portal.record import codes, entries

COOKIE = "record_code"
KIND = "record"


def open_record() -> entries.OpenRecord | None:
    """Return the record this browser holds open by its code, or None."""
    try:
        uid, data_key = holding.held(COOKIE, KIND)
        return codes.reopen(uid, data_key)
    except entries.RecordNotFound:
        holding.release(COOKIE)
        return None
    except holding.NotHeld:
        return None


def hold(opened: entries.OpenRecord) -> None:
    """Keep the opened record for this browser (it ends with close, idling or the day)."""
    holding.hold(COOKIE, KIND, opened.record.uid, opened.data_key)


def close() -> None:
    """Delete this browser's half: a copy of the cookie opens nothing afterwards."""
    holding.release(COOKIE)
