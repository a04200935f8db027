"""The main navigation: what each role sees, limited to endpoints that exist and admit them."""

from dataclasses import dataclass

from flask import Flask, current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import access
from portal.accounts import sessions


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object


# Order is the order on screen. Items of areas not built yet simply do not show.
ITEMS = [
    NavItem("home.index", _l("Home")),
    NavItem("reports.start", _l("Report")),
    NavItem("guide.index", _l("Guide")),
    NavItem("advisers.directory", _l("Confidential advisers")),
    NavItem("followup.my_reports", _l("My reports")),
    NavItem("journal.index", _l("My record")),
    NavItem("prompts.this_month", _l("This month")),
    NavItem("triage.inbox", _l("Inbox")),
    NavItem("consent.shared_with_me", _l("Shared with me")),
    NavItem("aftercare.index", _l("Aftercare")),
    NavItem("insights.index", _l("Insights")),
    NavItem("admin.people", _l("People")),
    NavItem("admin.teams", _l("Teams")),
    NavItem("admin.role_requests", _l("Roles to confirm")),
]


def may_open(endpoint: str) -> bool:
    """Tell whether the current visitor passes the endpoint's access rule."""
    rule = access.rule_for(current_app, endpoint)
    if rule is None:
        return False
    if rule.public:
        return True
    if not current_user.is_authenticated or sessions.needs_second_factor(current_user):
        return False
    return rule.while_signing_in or access.admits_roles(rule, current_user.roles)


def visible_items() -> list[dict]:
    """Return the navigation items this visitor may open, marking the current one."""
    return [
        {
            "endpoint": item.endpoint,
            "label": item.label,
            "current": item.endpoint == request.endpoint,
        }
        for item in ITEMS
        if item.endpoint in current_app.view_functions and may_open(item.endpoint)
    ]


def init_app(app: Flask) -> None:
    app.context_processor(lambda: {"navigation": visible_items, "may_open": may_open})
