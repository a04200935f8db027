"""Optional sign-in through a header set by a trusted reverse proxy: off by default."""

from portal.core.accounts.roles import Role
from tests.conftest import make_app, make_person


def test_header_is_ignored_by_default(client):
    make_person(email="sanne@example.test", roles=[Role.EMPLOYEE, Role.TEAM_LEAD])
    response = client.get("/password", headers={"X-Remote-User": "sanne@example.test"})
    assert response.status_code == 302


def test_configured_header_signs_the_person_in(tmp_path):
    app = make_app(tmp_path, TRUSTED_USER_HEADER="X-Remote-User")
    make_person(email="sanne@example.test")
    client = app.test_client()
    assert (
        client.get("/password", headers={"X-Remote-User": "Sanne@example.test"}).status_code == 200
    )
    assert (
        client.get("/password", headers={"X-Remote-User": "nobody@example.test"}).status_code == 302
    )
