"""When an entry happened, as exactly as the person knows it: a day, about a day, a month, or a
period. The guide says to write "about" when unsure; the record says so wherever it shows a date.

The precision lives in the entry's encrypted content ("precision"), next to happened_on and
happened_until, so nothing about it is in clear. Entries written before it was kept have none:
a period when they have an end day, else an exact day.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from portal.platform.i18n import day_text
from portal.platform.i18n import lazy_gettext as _l

EXACT, ABOUT, MONTH, PERIOD = "exact", "about", "month", "period"
PRECISIONS = [
    (EXACT, _l("On this day")),
    (ABOUT, _l("Around this day (not sure of the exact day)")),
    (MONTH, _l("Some time in this month")),
    (PERIOD, _l("Over a period, from one day until another")),
]


@dataclass(frozen=True)
class When:
    precision: str
    first: date  # the day, the first day of the month, or the start of the period
    until: date | None  # the end of a period
    time: str = ""

    @property
    def last(self) -> date:
        """The last day it may have happened on (for filtering by a period)."""
        if self.precision == MONTH:
            return self.first.replace(day=calendar.monthrange(self.first.year, self.first.month)[1])
        return self.until or self.first

    def text(self) -> str:
        """Say when, in the reader's language: "about 4 March 2026", "March 2026", ..."""
        if self.precision == MONTH:
            said = format_date(self.first, "LLLL yyyy")
        elif self.precision == ABOUT:
            said = _("about %(day)s", day=day_text(self.first))
        elif self.until:
            said = day_text(self.first) + " – " + day_text(self.until)
        else:
            said = day_text(self.first)
        return f"{said}, {self.time}" if self.time else said

    def as_dict(self) -> dict:
        """The date as the JSON export gives it: precision, first and last day, and in words."""
        return {
            "precision": self.precision,
            "from": self.first.isoformat(),
            "until": self.last.isoformat(),
            "time": self.time,
            "text": self.text(),
        }


def precision_of(content: dict) -> str:
    """Return how exact the stored date is (older entries: a period or an exact day)."""
    found = content.get("precision")
    if found in (EXACT, ABOUT, MONTH, PERIOD):
        return found
    return PERIOD if content.get("happened_until") else EXACT


def when(content: dict) -> When:
    """Read when an entry happened from its decrypted content."""
    precision = precision_of(content)
    until = content.get("happened_until") or ""
    return When(
        precision,
        date.fromisoformat(content["happened_on"]),
        date.fromisoformat(until) if until and precision == PERIOD else None,
        content.get("time") or "",
    )


def when_text(content: dict) -> str:
    """Say when an entry happened, in the reader's language."""
    return when(content).text()
