"""The management role reads the published yearly report and is refused everything else."""

import pytest

from portal.core.accounts.roles import Role, only_management
from portal.ops.demo import DEMO_PEOPLE
from portal.web import access
from tests.conftest import signed_in_client


def sample_value(converter):
    """A value the rule's converter accepts: a number, one of an `any(...)`'s words, or a word."""
    name = type(converter).__name__
    if name == "IntegerConverter":
        return 1
    if name == "AnyConverter":
        return sorted(converter.items)[0]
    return "x"


def staff_urls(app) -> list[tuple[str, str, str]]:
    """Every route that needs a sign-in (not the sign-in steps themselves), outside insights."""
    urls = []
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        stated = access.rule_for(app, rule.endpoint)
        if stated.public or stated.while_signing_in or rule.endpoint.startswith("insights."):
            continue
        values = {arg: sample_value(rule._converters[arg]) for arg in rule.arguments}
        method = "GET" if "GET" in rule.methods else "POST"
        urls.append((method, adapter.build(rule.endpoint, values), rule.endpoint))
    return urls


def test_only_management():
    assert only_management(frozenset({Role.MANAGEMENT}))
    assert not only_management(frozenset({Role.MANAGEMENT, Role.EMPLOYEE}))
    assert not only_management(frozenset({Role.EMPLOYEE}))
    assert not only_management(frozenset())


def test_management_gets_403_on_every_other_staff_page(app, client):
    signed_in_client(client, [Role.MANAGEMENT])
    urls = staff_urls(app)
    assert len(urls) > 40
    for method, url, endpoint in urls:
        response = client.open(url, method=method)
        assert response.status_code == 403, endpoint


def test_management_home_and_navigation_show_no_staff_pages(client):
    signed_in_client(client, [Role.MANAGEMENT])
    client.post("/language", data={"locale": "en"})
    page = client.get("/").get_data(as_text=True)
    assert "My reports" not in page
    assert "Inbox" not in page
    assert "People" not in page


@pytest.mark.parametrize("url", ["/", "/guide/", "/advisers/", "/password"])
def test_management_still_opens_public_and_account_pages(client, url):
    signed_in_client(client, [Role.MANAGEMENT])
    assert client.get(url).status_code == 200


def test_management_with_employee_role_keeps_my_reports(client):
    signed_in_client(client, [Role.MANAGEMENT, Role.EMPLOYEE])
    assert client.get("/my-reports/").status_code == 200


def test_demo_has_a_management_person():
    person = next(p for p in DEMO_PEOPLE if p.email == "directie@demo.test")
    assert person.roles == (Role.MANAGEMENT,)


def test_administrator_can_give_the_management_role(client):
    signed_in_client(client, [Role.ADMIN], email="admin@example.test")
    page = client.get("/admin/people/new")
    assert 'value="management"' in page.get_data(as_text=True)
