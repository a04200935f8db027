"""The receipt page as the reporter sees it after sending (view-side: it renders a template)."""

from flask import render_template

from portal.platform import clock
from portal.reports import contact
from portal.reports.models import Report


def render(report: Report, code: str, status: int = 200, **extra):
    """The receipt page: the code once, what happens next, and (anonymous) a return day."""
    return render_template(
        "reports/receipt.html",
        report=report,
        code=code,
        next_step=contact.next_step(report),
        suggested_return=contact.suggested_return(report, clock.today()),
        **extra,
    ), status
