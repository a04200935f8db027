"""The main navigation: what each role sees, limited to endpoints that exist and admit them."""

from dataclasses import dataclass

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user

from portal.core.accounts import sessions
from portal.platform.i18n import current_locale
from portal.platform.i18n import lazy_gettext as _l
from portal.web import access


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object


# Order is the order on screen. Items of areas not built yet simply do not show.
ITEMS = [
    NavItem("home.index", _l("Home")),
    NavItem("home.today", _l("Today")),
    NavItem("reports.start", _l("Report")),
    NavItem("guide.index", _l("Guide")),
    NavItem("advisers.directory", _l("Confidential advisers")),
    NavItem("followup.my_reports", _l("My reports")),
    NavItem("record.index", _l("My record")),
    NavItem("prompts.this_month", _l("This month")),
    NavItem("triage.inbox", _l("Inbox")),
    NavItem("consent.shared_with_me", _l("Shared with me")),
    NavItem("aftercare.index", _l("Aftercare")),
    NavItem("insights.index", _l("Insights")),
    NavItem("admin.people", _l("People")),
    NavItem("admin.teams", _l("Teams")),
    NavItem("admin.role_requests", _l("Roles to confirm")),
    NavItem("admin.settings", _l("Settings")),
]


# What a visitor may open depends only on their standing: signed in or not, second factor
# passed or not, and their roles. Every page asks for the menu and some links, so the answers
# are worked out once per standing and worker (a standing names no one: it is a set of roles).
Standing = tuple[bool, frozenset]


def standing() -> Standing:
    """The current visitor's standing, found once per request."""
    if "nav_standing" not in g:
        signed_in = bool(current_user.is_authenticated) and not sessions.needs_second_factor(
            current_user
        )
        g.nav_standing = (signed_in, current_user.roles if signed_in else frozenset())
    return g.nav_standing


def _admits(app: Flask, held: Standing, endpoint: str) -> bool:
    rule = access.rule_for(app, endpoint)
    if rule is None:
        return False
    if rule.public:
        return True
    signed_in, roles = held
    if not signed_in:
        return False
    return rule.while_signing_in or access.admits_roles(rule, roles)


def may_open(endpoint: str) -> bool:
    """Tell whether the current visitor passes the endpoint's access rule."""
    app = current_app._get_current_object()
    key = (standing(), endpoint)
    answers = app.extensions.setdefault("nav_answers", {})
    if key not in answers:
        answers[key] = _admits(app, key[0], endpoint)
    return answers[key]


def visible_items() -> list[dict]:
    """Return the navigation items this visitor may open, marking the current one."""
    app = current_app._get_current_object()
    key = (standing(), current_locale(), request.endpoint, request.script_root)
    menus = app.extensions.setdefault("nav_menus", {})
    if key not in menus:
        menus[key] = [
            {
                "endpoint": item.endpoint,
                "url": url_for(item.endpoint),
                "label": str(item.label),
                "current": item.endpoint == request.endpoint,
            }
            for item in ITEMS
            if item.endpoint in app.view_functions and may_open(item.endpoint)
        ]
    return menus[key]


def init_app(app: Flask) -> None:
    app.context_processor(lambda: {"navigation": visible_items, "may_open": may_open})
