"""The inbox rows written in Python (portal/triage/rows.py) are the rows the plain template
wrote, for every state a row can be in: each status, a new message or not, each deadline, met,
coming or passed. A fast path without such a test is how the overdue row came to show
`<strong class="overdue">` as text."""

import itertools
import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from flask import session

from portal.reports import kinds
from portal.reports.deadlines import is_overdue, next_deadline
from portal.reports.status import Status
from portal.triage import rows
from portal.web.pages import LinkPattern

TODAY = date(2026, 11, 30)

# templates/triage/_rows.html as it was before the rows moved to Python (commit 4e76d48): the
# reference the Python version must match, tag for tag.
JINJA_ROWS = """
{%- set t_new, t_overdue = _("new message"), _("overdue") %}
{%- set t_request = _("conversation request") %}
{%- for row in results %}
  {% set late = is_overdue(row, today) %}
  <tr{% if late %} class="row--overdue"{% endif %}>
    <td><a href="{{ report_link(row.reference) }}">{{ row.reference }}</a>{% if row.last_message_from == "reporter" and row.status.is_open %} <span class="badge">{{ t_new }}</span>{% endif %}</td>
    <td class="nowrap">{{ row.received_on | day }}</td>
    <td>{{ labels.category[row.category] }}{% if row.request %} <span class="badge badge--request">{{ t_request }}</span>{% endif %}</td>
    <td>{{ labels.status[row.status] }}</td>
    <td>{% if row.status.is_open %}{% set due = next_deadline(row) -%}
      {% if due %}{{ labels.deadline[due[0]] | format(day=due[1] | day) }}{% else %}–{% endif %}
      {%- if late %} <strong class="overdue">{{ t_overdue }}</strong>{% endif %}
    {%- else %}–{% endif %}</td>
  </tr>
{%- endfor %}"""

# (track, ack due, acknowledged, feedback due, contact due, first contact), relative to TODAY
DEADLINES = {
    "integrity, acknowledgement coming": ("violation", 3, None, 90, None, None),
    "integrity, acknowledgement passed": ("violation", -3, None, 80, None, None),
    "integrity, feedback coming": ("violation", -60, -58, 30, None, None),
    "integrity, feedback passed": ("violation", -120, -118, -2, None, None),
    "talk, first contact coming": ("bullying", None, None, None, 2, None),
    "talk, first contact passed": ("bullying", None, None, None, -1, None),
    "talk, first contact made": ("bullying", None, None, None, -5, -6),
}


def day(offset):
    return None if offset is None else TODAY + timedelta(days=offset)


def every_row():
    """One row for every status, message state and deadline situation."""
    for number, (status, last, (name, timing)) in enumerate(
        itertools.product(Status, ["reporter", "adviser", None], DEADLINES.items())
    ):
        category, ack_due, acknowledged, feedback_due, contact_due, contacted = timing
        yield SimpleNamespace(
            reference=f"VW-2026-{number:06d}" if number % 5 else 'VW-<b>&"x"',
            received_on=TODAY - timedelta(days=10 + number % 30),
            category=category,
            status=status,
            last_message_from=last,
            ack_due_on=day(ack_due),
            acknowledged_on=day(acknowledged),
            feedback_due_on=day(feedback_due),
            contact_due_on=day(contact_due),
            first_contact_on=day(contacted),
            request="conversation" if number % 3 == 0 else None,  # issue 28: a request is marked
            name=name,
        )


def without_layout(html: str) -> str:
    """The markup with the template's indentation taken out (spaces inside a cell stay)."""
    html = re.sub(r"\s+", " ", str(html))
    return re.sub(r"\s*(</?t[rd][^>]*>)\s*", r"\1", html).strip()


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_row_state_renders_as_the_template_did(app, locale):
    made = list(every_row())
    assert any(is_overdue(r, TODAY) for r in made)
    assert any(not r.status.is_open for r in made)
    with app.test_request_context("/"):
        session["locale"] = locale
        labels = kinds.translated_labels()
        labels["category"]["bullying"] = 'Pesten & "<plagen>"'  # escaping, tested too
        link = LinkPattern("triage.report", "reference")
        template = app.jinja_env.from_string(JINJA_ROWS)
        for row in made:
            expected = template.render(
                results=[row],
                labels=labels,
                today=TODAY,
                report_link=link,
                is_overdue=is_overdue,
                next_deadline=next_deadline,
            )
            written = rows.inbox_rows([row], labels, TODAY, link)
            assert without_layout(written) == without_layout(expected), (row.status, row.name)
        every = rows.inbox_rows(made, labels, TODAY, link)
    overdue = {"nl": "over de termijn", "en": "overdue"}[locale]
    assert f'<strong class="overdue">{overdue}</strong>' in every and "&lt;strong" not in every
    assert "<b>" not in every and "&lt;plagen&gt;" in every
    asked = {"nl": "gespreksverzoek", "en": "conversation request"}[locale]
    assert every.count(f'<span class="badge badge--request">{asked}</span>') == len(made[::3])
