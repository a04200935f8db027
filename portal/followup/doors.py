"""The reporter's two doors to one report page: by receipt code, and under My reports.

The receipt code's door keeps the opened report in this browser (followup/access.py) and is
public; My reports opens the report with the signed-in person's own key. Every page and
choice behind the doors is one view, registered at both addresses with `route`:
/followup/report<rest> (endpoint followup.<name>) and /my-reports/<reference><rest>
(endpoint followup.my_<name>).
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, url_for
from flask_login import current_user

from portal.core.accounts import sessions
from portal.followup import access as holding
from portal.followup.blueprint import bp
from portal.reports import mine, opening
from portal.web import access


@dataclass(frozen=True)
class Door:
    by_code: bool
    prefix: str  # of the URL rule
    endpoint_prefix: str
    rule: Callable  # the access decorator

    def endpoint(self, name: str) -> str:
        """Return the full endpoint of a page behind this door."""
        return f"followup.{self.endpoint_prefix}{name}"

    def url(self, name: str, reference: str | None, **values) -> str:
        """Return the address of a page behind this door."""
        return url_for(self.endpoint(name), **self.args(reference), **values)

    def args(self, reference: str | None) -> dict:
        """Return the URL values that name the report behind this door."""
        return {} if self.by_code else {"reference": reference}

    def open(self, reference: str | None) -> opening.OpenReport | None:
        """Open the report; None when this browser holds none (code), 404 when not mine."""
        try:
            if self.by_code:
                return holding.from_cookie()
            return mine.open_mine(sessions.vault_secret(current_user, "private_key"), reference)
        except opening.ReportNotFound:
            if self.by_code:
                return None
            abort(404)

    def actions(self, reference: str | None) -> dict:
        """Return where the report page's forms and links go, for templates."""
        return {
            "message": self.url("message", reference),
            "withdraw": self.url("withdraw", reference),
            "attachment": self.endpoint("attachment"),
            "attachment_args": self.args(reference),
            "consent": self.url("grant_consent", reference),
            "check_consent": self.url("check_consent", reference),
            "report": self.url("report", reference),
            "revoke": self.endpoint("revoke_consent"),
            "revoke_args": self.args(reference),
            "confirm_consent": self.endpoint("confirm_consent"),
            "transfer": self.url("transfer_report", reference),
            "agree_return": self.url("agree_return", reference),
            "accept_offer": self.url("accept_offer", reference),
            "ask_notice": self.url("ask_notice", reference),
            "stop_notice": self.url("stop_notice", reference),
            "approve_summary": self.endpoint("approve_summary"),
            "decline_summary": self.endpoint("decline_summary"),
        }


BY_CODE = Door(True, "/followup/report", "", access.public)
MINE = Door(False, "/my-reports/<reference>", "my_", access.signed_in)


def route(rest: str, name: str, methods: tuple[str, ...] = ("GET",)) -> Callable:
    """Register a view, called as view(door, reference, **values), behind both doors."""

    def register(view: Callable) -> Callable:
        for door in (BY_CODE, MINE):

            def endpoint(reference: str | None = None, _door: Door = door, **values):
                return view(_door, reference, **values)

            endpoint.__doc__ = view.__doc__
            bp.add_url_rule(
                door.prefix + rest,
                door.endpoint_prefix + name,
                door.rule(endpoint),
                methods=list(methods),
            )
        return view

    return register
