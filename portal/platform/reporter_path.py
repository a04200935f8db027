"""The reporter's path keeps no clock (see ../shared/DESIGN.md, trust boundaries).

Whatever a request on the reporter's pages writes (access-log entries, the signed-in session's
activity time) is kept by the day or not at all, so that no two timestamps can be laid side by
side to link an account to a report.
"""

from datetime import datetime

from flask import has_request_context, request

# record and record_code: My record, by the account or kept without one by its record code:
# its pages leave the session's activity time alone and log by the day only.
# pulse: the team pulse, whose answers must not be laid beside a signed-in moment.
BLUEPRINTS = frozenset({"reports", "followup", "record", "record_code", "pulse"})


def active() -> bool:
    """Tell whether the current request is on the reporter's path."""
    return has_request_context() and request.blueprint in BLUEPRINTS


def day_of(moment: datetime) -> datetime:
    """Return the midnight that starts the moment's day: all the reporter's path may keep."""
    return datetime.combine(moment.date(), datetime.min.time())
