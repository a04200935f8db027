"""Evidence files: only images, PDF and plain text; images re-encoded so no metadata survives."""

import hashlib
from dataclasses import dataclass

from flask_babel import gettext as _

from portal.platform.uploads import EvidenceRefused, clean_filename, reencode_image, sniff


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
