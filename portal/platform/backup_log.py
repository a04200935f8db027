"""When the last backup was made: `portal backup` writes it down; `portal check` and the
administrator's today page read it.

Kept as a small file in the instance folder, not in the database: a row written after the
copy would be missing from that very copy, and a restored database would forget backups made
since. The file names no person and no path, only the moment and the size.
"""

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

FILE_NAME = "last-backup.json"


@dataclass(frozen=True)
class LastBackup:
    made_at: datetime  # UTC
    size: int  # bytes

    def age_days(self, now: datetime) -> int:
        """Return how many whole days ago the backup was made."""
        return max(0, (now - self.made_at).days)


def record(instance_path: str | Path, made_at: datetime, size: int) -> None:
    """Write down that a backup of this size was made now (readable by the owner only)."""
    target = Path(instance_path) / FILE_NAME
    fresh = target.with_suffix(".tmp")
    fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump({"made_at": made_at.astimezone(UTC).isoformat(), "size": size}, out)
    os.replace(fresh, target)


def last(instance_path: str | Path) -> LastBackup | None:
    """Return the last backup written down on this server, or None (none, or unreadable)."""
    try:
        data = json.loads((Path(instance_path) / FILE_NAME).read_text())
        made_at = datetime.fromisoformat(data["made_at"])
        if made_at.tzinfo is None:
            made_at = made_at.replace(tzinfo=UTC)
        return LastBackup(made_at, int(data["size"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
