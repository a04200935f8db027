"""Evidence files stored with a report or one of its messages, encrypted under its data key."""

import json
from datetime import date

from portal.platform import crypto
from portal.reports.evidence import Evidence
from portal.reports.models import Attachment, Report


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
