"""The inbox's table rows, written in Python.

The inbox is the page an adviser opens most, fifty rows at a time. Written in Jinja each row
cost a dozen template calls (a link, two days, two labels, the next deadline and its phrase);
written here a row costs a few string joins. The markup is the one templates/triage/_rows.html
had, and tests/triage/test_rows.py holds it to that template for every state a row can be in;
the table around the rows stays in that template. Every part is a plain str of escaped values,
joined and marked safe once at the end.
"""

from collections.abc import Callable, Iterable
from datetime import date

from flask_babel import gettext as _
from markupsafe import Markup, escape

from portal.platform.i18n import day_text
from portal.reports.deadlines import is_overdue, next_deadline


def inbox_rows(rows: Iterable, labels: dict, today: date, link: Callable[[str], str]) -> Markup:
    """Return the rows of the inbox table: reference (a link), received, kind, status and
    the next deadline, overdue rows and conversation requests marked."""
    new, overdue = escape(_("new message")), escape(_("overdue"))
    asked = escape(_("conversation request"))
    parts = []
    for row in rows:
        late = is_overdue(row, today)
        reference = escape(row.reference)
        badge = ""
        if row.last_message_from == "reporter" and row.status.is_open:
            badge = f' <span class="badge">{new}</span>'
        due = "–"
        if row.status.is_open:
            deadline = next_deadline(row)
            if deadline is not None:
                kind, day = deadline
                # A plain str: Markup would escape the <strong> added to it below.
                due = str(escape(labels["deadline"][kind] % {"day": day_text(day)}))
            if late:
                due += f' <strong class="overdue">{overdue}</strong>'
        marked = ' class="row--overdue"' if late else ""
        # A request for a conversation is marked as such: it is not a report.
        request = f' <span class="badge badge--request">{asked}</span>' if row.request else ""
        parts.append(
            f"<tr{marked}>"
            f'<td><a href="{escape(link(row.reference))}">{reference}</a>{badge}</td>'
            f'<td class="nowrap">{escape(day_text(row.received_on))}</td>'
            f"<td>{escape(labels['category'][row.category])}{request}</td>"
            f"<td>{escape(labels['status'][row.status])}</td>"
            f"<td>{due}</td></tr>"
        )
    return Markup("".join(parts))  # noqa: S704 - every value in parts was escaped above
