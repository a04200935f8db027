"""Deny by default: every endpoint states who may use it; roles are enforced."""

import pytest
from flask import Flask

from portal.core.accounts.roles import Role
from portal.web import access
from tests.conftest import signed_in_client


def test_every_endpoint_states_an_access_rule(app):
    assert access.endpoints_without_rule(app) == []


def test_an_endpoint_added_without_a_rule_is_caught(app):
    @app.route("/forgotten")
    def forgotten():
        return "should never be served"

    assert access.endpoints_without_rule(app) == ["forgotten"]
    response = app.test_client().get("/forgotten")
    assert response.status_code == 403
    assert b"should never be served" not in response.data


def test_walk_sees_blueprint_endpoints():
    app = Flask(__name__)

    @app.route("/ok")
    @access.public
    def ok():
        return "ok"

    @app.route("/missing")
    def missing():
        return "x"

    assert access.endpoints_without_rule(app) == ["missing"]


ADMIN_PAGES = ["/admin/people", "/admin/people/new", "/admin/teams", "/admin/teams/new"]


@pytest.mark.parametrize("roles", [[Role.EMPLOYEE], [Role.TEAM_LEAD], [Role.ADVISER], [Role.HR]])
def test_non_administrators_get_403_on_admin_pages(client, roles):
    signed_in_client(client, roles)
    for page in ADMIN_PAGES:
        assert client.get(page).status_code == 403, page
    assert client.post("/admin/people/1/active", data={"active": "0"}).status_code == 403


def test_administrator_opens_admin_pages(client):
    signed_in_client(client, [Role.ADMIN])
    for page in ADMIN_PAGES:
        assert client.get(page).status_code == 200, page


def test_anonymous_visitor_is_sent_to_sign_in(client):
    for page in ADMIN_PAGES:
        response = client.get(page)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in")
