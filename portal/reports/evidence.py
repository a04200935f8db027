"""Evidence files: only images, PDF and plain text, images re-encoded without metadata; stored
encrypted under the report's key."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from portal import crypto
from portal.reports.models import Attachment, Report
from portal.uploads import EvidenceRefused, clean_filename, reencode_image, sniff


@dataclass(frozen=True)
class Evidence:
    filename: str
    mime: str
    data: bytes  # what is stored: the re-encoded image, or the file as uploaded
    sha256: str  # of the file exactly as uploaded, so the reporter can check it
    reencoded: bool

    @property
    def size(self) -> int:
        return len(self.data)

    def as_dict(self) -> dict:
        return {
            "filename": self.filename,
            "mime": self.mime,
            "sha256": self.sha256,
            "reencoded": self.reencoded,
        }


def accept(filename: str, data: bytes, max_file_bytes: int) -> Evidence:
    """Check and prepare one uploaded file, or raise EvidenceRefused."""
    name = clean_filename(filename)
    if len(data) > max_file_bytes:
        raise EvidenceRefused("too_large", name)
    if not data:
        raise EvidenceRefused("unreadable", name)
    mime = sniff(data, name)
    if mime is None:
        raise EvidenceRefused("type", name)
    digest = hashlib.sha256(data).hexdigest()
    if mime.startswith("image/"):
        stored, stored_mime = reencode_image(data, mime, name)
        if stored_mime != mime:
            stem = name.rsplit(".", 1)[0]
            name = f"{stem}.{'png' if stored_mime == 'image/png' else 'jpg'}"
        return Evidence(name, stored_mime, stored, digest, True)
    return Evidence(name, mime, data, digest, False)


def refusal_messages(refusals: list[EvidenceRefused]) -> list[str]:
    """Say, in the person's language, why each file was refused."""
    texts = {
        "type": _(
            "%(name)s: this type of file is not accepted. Use a photo, PDF or plain text file."
        ),
        "too_large": _("%(name)s: this file is too large."),
        "total_too_large": _("%(name)s: together the files would be too large for one report."),
        "unreadable": _("%(name)s: this file could not be read."),
    }
    return [texts[r.reason] % {"name": r.filename} for r in refusals]


def store_evidence(
    report: Report, data_key: bytes, items: list[Evidence], sender: str, today: date, message=None
) -> None:
    """Encrypt and attach evidence files to a report (or to one of its messages)."""
    for item in items:
        Attachment.create(
            report=report,
            message=message,
            sender=sender,
            uploaded_on=today,
            size=item.size,
            meta=crypto.encrypt_field(
                data_key, report.uid, "attachment-meta", json.dumps(item.as_dict())
            ),
            content=crypto.encrypt_field(data_key, report.uid, "attachment", item.data),
        )
