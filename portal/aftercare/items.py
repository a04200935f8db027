"""Evidence items of a case: what was posted where, by whom, and screenshots with their hash."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from portal.aftercare import protocol
from portal.aftercare.cases import CaseClosed, CaseError, OpenCase, require_staff
from portal.aftercare.models import EvidenceFile, EvidenceItem
from portal.core.audit import log as audit
from portal.platform import crypto
from portal.platform.database import db
from portal.reports.evidence import Evidence


class ItemNotFound(CaseError):
    """No such evidence item or file on this case."""


@dataclass(frozen=True)
class ItemData:
    platform: str
    platform_other: str
    url: str
    handle: str
    account_owner: str
    others: str
    seen_at: str
    captured_by: str
    still_online: bool | None
    checked_on: date | None
    files: list[Evidence] = field(default_factory=list)
    # The untouched upload beside each cleaned file, where the person capturing chose to keep
    # it (None: not kept, or nothing was cleaned away).
    originals: list[bytes | None] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Return what is encrypted as the item's body."""
        return {
            "platform": self.platform,
            "platform_other": self.platform_other.strip(),
            "url": self.url.strip(),
            "handle": self.handle.strip(),
            "account_owner": self.account_owner.strip(),
            "others": self.others.strip(),
            "seen_at": self.seen_at.strip(),
            "captured_by": self.captured_by.strip(),
        }


@dataclass(frozen=True)
class FileInfo:
    id: int
    filename: str
    mime: str
    sha256: str
    reencoded: bool
    size: int
    uploaded_on: date
    original_of: int | None = None  # set on a kept original: the cleaned file's id
    original_id: int | None = None  # set on a cleaned file whose original is kept


@dataclass(frozen=True)
class ItemView:
    id: int
    added_on: date
    still_online: bool | None
    checked_on: date | None
    data: dict
    files: list[FileInfo]

    @property
    def platform_name(self) -> str:
        """Name the platform, or what was typed for "other"."""
        if self.data.get("platform") == "other":
            return self.data.get("platform_other") or str(protocol.PLATFORMS["other"])
        return str(protocol.PLATFORMS.get(self.data.get("platform", ""), ""))


def add(opened: OpenCase, data: ItemData, today: date) -> EvidenceItem:
    """Add an evidence item with its screenshots, all of it encrypted: by the lead or HR, or
    by the employee on their own open case."""
    if opened.case.status == "closed":
        raise CaseClosed()
    if data.platform not in protocol.PLATFORMS:
        raise CaseError()
    with db.atomic():
        item = EvidenceItem.create(
            case=opened.case,
            added_on=today,
            still_online=data.still_online,
            checked_on=data.checked_on,
            body=b"",
        )
        item.body = opened.encrypt(f"evidence-{item.id}", json.dumps(data.as_dict()))
        item.save()
        originals = list(data.originals) + [None] * (len(data.files) - len(data.originals))
        for upload, original in zip(data.files, originals, strict=False):
            cleaned = _store_file(opened, item, upload, today)
            if original is not None and upload.reencoded:
                _store_original(opened, item, cleaned, upload, original, today)
    return item


def _store_file(
    opened: OpenCase, item: EvidenceItem, upload: Evidence, today: date
) -> EvidenceFile:
    row = EvidenceFile.create(item=item, uploaded_on=today, size=upload.size, meta=b"", content=b"")
    row.meta = opened.encrypt(f"evidence-file-{row.id}-meta", json.dumps(upload.as_dict()))
    row.content = crypto_bytes(opened, f"evidence-file-{row.id}", upload.data)
    row.save()
    return row


def _store_original(
    opened: OpenCase,
    item: EvidenceItem,
    cleaned: EvidenceFile,
    upload: Evidence,
    data: bytes,
    today: date,
) -> None:
    """Keep the untouched upload, sealed with the case's key like everything else of the case;
    its meta names the cleaned copy it belongs to, so the page lists it only as a download."""
    meta = {
        "filename": f"original-{upload.filename}",
        "mime": "application/octet-stream",  # never opened in the browser
        "sha256": hashlib.sha256(data).hexdigest(),
        "reencoded": False,
        "original_of": cleaned.id,
    }
    row = EvidenceFile.create(item=item, uploaded_on=today, size=len(data), meta=b"", content=b"")
    row.meta = opened.encrypt(f"evidence-file-{row.id}-meta", json.dumps(meta))
    row.content = crypto_bytes(opened, f"evidence-file-{row.id}", data)
    row.save()


def crypto_bytes(opened: OpenCase, name: str, data: bytes) -> bytes:
    """Encrypt file bytes as one field of the case."""
    return crypto.encrypt_field(opened.data_key, opened.case.uid, name, data)


def record_check(opened: OpenCase, item_id: int, still_online: bool, today: date) -> None:
    """Record whether the post is still online, checked today."""
    require_staff(opened)
    item = _item(opened, item_id)
    item.still_online, item.checked_on = still_online, today
    item.save()


def _item(opened: OpenCase, item_id: int) -> EvidenceItem:
    item = EvidenceItem.get_or_none(
        (EvidenceItem.id == item_id) & (EvidenceItem.case == opened.case)
    )
    if item is None:
        raise ItemNotFound()
    return item


def _file_info(opened: OpenCase, row: EvidenceFile) -> FileInfo:
    meta = json.loads(opened.decrypt(f"evidence-file-{row.id}-meta", row.meta))
    return FileInfo(
        row.id,
        meta["filename"],
        meta["mime"],
        meta["sha256"],
        meta["reencoded"],
        row.size,
        row.uploaded_on,
        meta.get("original_of"),
    )


def views(opened: OpenCase) -> list[ItemView]:
    """Return the case's evidence items, decrypted, oldest first."""
    items = list(
        EvidenceItem.select().where(EvidenceItem.case == opened.case).order_by(EvidenceItem.id)
    )
    files: dict[int, list[FileInfo]] = {}
    if items:
        for row in (
            EvidenceFile.select()
            .where(EvidenceFile.item.in_([i.id for i in items]))
            .order_by(EvidenceFile.id)
        ):
            files.setdefault(row.item_id, []).append(_file_info(opened, row))
    for item_id, infos in files.items():
        kept = {i.original_of: i.id for i in infos if i.original_of}
        files[item_id] = [
            FileInfo(**{**i.__dict__, "original_id": kept.get(i.id)})
            for i in infos
            if not i.original_of  # an original is never listed, only offered as a download
        ]
    return [
        ItemView(
            item.id,
            item.added_on,
            item.still_online,
            item.checked_on,
            json.loads(opened.decrypt(f"evidence-{item.id}", item.body)),
            files.get(item.id, []),
        )
        for item in items
    ]


def file_bytes(opened: OpenCase, file_id: int) -> tuple[FileInfo, bytes]:
    """Return one screenshot's details and decrypted content (a kept original: not here)."""
    info, data = _file_bytes(opened, file_id)
    if info.original_of:
        raise ItemNotFound()
    return info, data


def original_bytes(opened: OpenCase, file_id: int) -> tuple[FileInfo, bytes]:
    """Release a kept original to a person on the case; the access log records who and when."""
    info, data = _file_bytes(opened, file_id)
    if not info.original_of:
        raise ItemNotFound()
    audit.record(opened.case, opened.person, "original_downloaded", f"file:{file_id}")
    return info, data


def _file_bytes(opened: OpenCase, file_id: int) -> tuple[FileInfo, bytes]:
    row = (
        EvidenceFile.select()
        .join(EvidenceItem)
        .where((EvidenceFile.id == file_id) & (EvidenceItem.case == opened.case))
        .first()
    )
    if row is None:
        raise ItemNotFound()
    data = crypto.decrypt_field(
        opened.data_key, opened.case.uid, f"evidence-file-{row.id}", bytes(row.content)
    )
    return _file_info(opened, row), data
