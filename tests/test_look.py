"""The finished look, as the server renders it: one error summary, translated validation
messages, an empty inbox said once, "Inloggen"."""

from tests.conftest import make_adviser, sign_in_fully


def test_one_error_summary_links_every_message_once_in_dutch(client):
    client.get("/report/form")
    html = client.post(
        "/report/form", data={"contact_phone": "0" * 40, "incidents-0-description": ""}
    ).get_data(as_text=True)
    assert html.count('class="error-summary"') == 1
    summary = html[
        html.index('class="error-summary"') : html.index(
            "</div>", html.index('class="error-summary"')
        )
    ]
    for target in ("#category", "#incidents", "#ongoing", "#mode", "#contact_phone", "#advisers"):
        assert f'href="{target}"' in summary, target
    # WTForms' own message, in Dutch on a Dutch page (it was English).
    assert "Veld mag niet langer zijn dan 30 karakters." in summary
    assert "Field cannot be longer" not in html


def test_validation_messages_follow_the_language(client):
    client.post("/language", data={"locale": "en"})
    client.get("/report/form")
    html = client.post("/report/form", data={"contact_phone": "0" * 40}).get_data(as_text=True)
    assert "Field cannot be longer than 30 characters." in html


def test_an_empty_inbox_says_so_once(client, app):
    with app.app_context():
        adviser = make_adviser()
        sign_in_fully(client, adviser)
    html = client.get("/inbox/").get_data(as_text=True)
    assert html.count("Geen meldingen gevonden.") + html.count("No reports match.") == 1
    assert "<tbody>" not in html[html.index('id="inbox-rows"') :]


def test_the_header_says_inloggen(client):
    html = client.get("/").get_data(as_text=True)
    assert ">Inloggen</a>" in html and "Aanmelden" not in html
