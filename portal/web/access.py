"""Deny by default: every endpoint states who may use it, and one hook enforces it."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, abort, current_app, redirect, request, url_for
from flask_login import current_user

from portal.core.accounts import sessions
from portal.core.accounts.roles import Role, only_management

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    """Who may use an endpoint."""

    public: bool = False
    roles: frozenset[Role] = frozenset()  # empty: any signed-in person
    # Allowed while the second factor or a forced password change is still pending.
    while_signing_in: bool = False


PUBLIC = Rule(public=True)
SIGNED_IN = Rule()
SIGNING_IN = Rule(while_signing_in=True)
# Endpoints that Flask or extensions add themselves.
BUILT_IN_RULES = {"static": PUBLIC}


def _state(rule: Rule) -> Callable:
    def decorate(view: Callable) -> Callable:
        view.access_rule = rule
        return view

    return decorate


public = _state(PUBLIC)
signed_in = _state(SIGNED_IN)
signing_in = _state(SIGNING_IN)


def roles(*allowed: Role) -> Callable:
    """Allow signed-in people holding at least one of the roles."""
    return _state(Rule(roles=frozenset(allowed)))


def admits_roles(rule: Rule, held: frozenset[Role]) -> bool:
    """Tell whether a signed-in person holding these roles passes the rule's role test.

    Management reads the published yearly report and nothing else: a person who holds only
    that role is refused pages open to any signed-in person too.
    """
    if rule.roles:
        return bool(held & rule.roles)
    return not only_management(held)


def rule_for(app: Flask, endpoint: str) -> Rule | None:
    """Return the stated rule of an endpoint, or None when it states none."""
    if endpoint in BUILT_IN_RULES:
        return BUILT_IN_RULES[endpoint]
    view = app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def endpoints_without_rule(app: Flask) -> list[str]:
    """List the endpoints of the URL map that state no rule (the test suite wants none)."""
    return sorted(
        {r.endpoint for r in app.url_map.iter_rules() if rule_for(app, r.endpoint) is None}
    )


def enforce():
    """Refuse the request unless the endpoint's rule lets this person in."""
    if request.endpoint is None:
        return None  # no route: the 404 handler answers
    rule = rule_for(current_app, request.endpoint)
    if rule is None:
        log.error("endpoint %s states no access rule; refused", request.endpoint)
        abort(403)
    if rule.public:
        return None
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not rule.while_signing_in:
        if sessions.needs_second_factor(current_user):
            return redirect(url_for("auth.second_factor"))
        if current_user.must_change_password:
            return redirect(url_for("auth.change_password"))
    if not rule.while_signing_in and not admits_roles(rule, current_user.roles):
        abort(403)
    return None


def init_app(app: Flask) -> None:
    app.before_request(enforce)
