"""The demo employee finds a record of five entries over several months."""

from portal.ops import demo
from tests.conftest import sign_in


def test_demo_employee_has_a_record(app, client):
    with app.app_context():
        assert demo.seed_if_empty() is True
    client.post("/language", data={"locale": "nl"})
    sign_in(client, "medewerker@demo.test", demo.DEMO_PASSWORD)
    page = client.get("/record/").get_data(as_text=True)
    assert page.count('class="timeline__item"') == 5
    assert "Mijn rooster werd zonder overleg veranderd" in page
    assert page.count('<tr><th scope="row">') >= 5  # several months in the chart's table
    assert 'class="chain chain--intact">Gecontroleerd: ' in page
