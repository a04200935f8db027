"""The team lead's "This month": the prompt, another choice, "discussed", the team's history."""

from datetime import date

import pytest

from portal.core.accounts.roles import Role
from portal.prompts import library, schedule
from portal.prompts.models import MonthPrompt, Prompt, TeamDiscussion, TeamPrompt
from tests.conftest import signed_in_client
from tests.factories import TODAY, hr_client, lead_client, other_lead, travel_to


@pytest.fixture(autouse=True)
def november(monkeypatch):
    travel_to(monkeypatch)


def november_prompt(locale="nl"):
    """The rotation's prompt for November: the eleventh in the library."""
    return library.load(library.ordered()[10], locale)


def test_lead_sees_the_rotation_prompt_with_meeting_view_and_guide_link(client):
    team = lead_client(client)
    html = client.get("/prompts/").get_data(as_text=True)
    expected = november_prompt()
    assert expected.title in expected.title and expected.title in html
    assert "november 2026" in html
    assert f'href="/prompts/teams/{team.id}/meeting"' in html
    assert f'href="/guide/{expected.guide_page}"' in html
    for question in expected.questions:
        assert question.replace("'", "&#39;") in html


def test_lead_sees_it_in_english_after_switching(client):
    lead_client(client)
    client.post("/language", data={"locale": "en"})
    html = client.get("/prompts/").get_data(as_text=True)
    assert november_prompt("en").title in html and "November 2026" in html


def test_hr_choice_for_the_month_replaces_the_rotation(client, app):
    team = lead_client(client)
    chosen = library.find("gifts")
    MonthPrompt.create(month=date(2026, 11, 1), prompt=chosen)
    html = client.get("/prompts/").get_data(as_text=True)
    assert library.load(chosen, "nl").title in html
    assert schedule.team_prompt(team, date(2026, 11, 1)).source == schedule.Source.ORGANISATION


def test_lead_chooses_another_prompt_for_the_team_and_back(client):
    team = lead_client(client)
    chosen = library.find("bystanders")
    response = client.post(f"/prompts/teams/{team.id}/choice", data={"prompt": str(chosen.id)})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/prompts/?team={team.id}"
    planned = schedule.team_prompt(team, date(2026, 11, 1))
    assert planned == schedule.Planned(chosen.id, schedule.Source.TEAM)
    assert library.load(chosen, "nl").title in client.get("/prompts/").get_data(as_text=True)

    client.post(f"/prompts/teams/{team.id}/choice", data={"prompt": ""})
    assert not TeamPrompt.select().exists()
    assert schedule.team_prompt(team, date(2026, 11, 1)).source == schedule.Source.ROTATION


def test_unknown_prompt_choice_is_refused(client):
    team = lead_client(client)
    client.post(f"/prompts/teams/{team.id}/choice", data={"prompt": "99999"})
    assert not TeamPrompt.select().exists()


def test_choice_affects_only_that_team(client):
    team = lead_client(client)
    other = other_lead()
    chosen = library.find("bystanders")
    client.post(f"/prompts/teams/{team.id}/choice", data={"prompt": str(chosen.id)})
    assert schedule.team_prompt(other, date(2026, 11, 1)).source == schedule.Source.ROTATION


def test_mark_discussed_redirects_and_shows_it(client):
    team = lead_client(client)
    response = client.post(
        f"/prompts/teams/{team.id}/discussed",
        data={"held_on": "2026-11-17", "present": "9", "action_points": "Koffiepraat eerlijker"},
    )
    assert response.status_code == 302
    row = TeamDiscussion.get()
    assert (row.team_id, row.month, row.held_on, row.present) == (
        team.id,
        date(2026, 11, 1),
        date(2026, 11, 17),
        9,
    )
    assert row.prompt_id == library.ordered()[10].id
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "9" in html and "Koffiepraat eerlijker" in html


def test_discussed_form_says_not_to_write_personal_details(client):
    team = lead_client(client)
    html = client.get(f"/prompts/teams/{team.id}/discussed").get_data(as_text=True)
    assert "Schrijf hier geen namen" in html
    assert 'type="date"' in html and 'value="2026-11-18"' in html


def test_marking_again_corrects_the_same_month(client):
    team = lead_client(client)
    url = f"/prompts/teams/{team.id}/discussed"
    client.post(url, data={"held_on": "2026-11-10", "present": "5"})
    client.post(url, data={"held_on": "2026-11-12", "present": "7"})
    assert TeamDiscussion.select().count() == 1
    assert TeamDiscussion.get().present == 7


def test_htmx_discussed_returns_the_fragment(client):
    team = lead_client(client)
    response = client.post(
        f"/prompts/teams/{team.id}/discussed",
        data={"held_on": "2026-11-17", "present": "6"},
        headers={"HX-Request": "true"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith("{#") is False and "<html" not in html
    assert 'id="discussed"' in html and "Vastgelegd" in html
    assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"held_on": "", "present": "5"}, "Vul de datum van het overleg in."),
        ({"held_on": "2026-11-19", "present": "5"}, "Kies een datum van"),
        ({"held_on": "2026-09-30", "present": "5"}, "Kies een datum van"),
        ({"held_on": "2026-11-10", "present": "0"}, "Vul een getal van 1 tot 1000 in."),
        ({"held_on": "2026-11-10", "present": "veel"}, "Vul een heel getal in."),
        (
            {"held_on": "2026-11-10", "present": "5", "action_points": "x" * 2001},
            "onder de 2000 tekens",
        ),
    ],
)
def test_discussed_validation_keeps_what_was_typed(client, data, message):
    team = lead_client(client)
    response = client.post(
        f"/prompts/teams/{team.id}/discussed",
        data={"action_points": "Afspraak over pauzes", **data},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html and 'class="error-summary"' in html
    if "x" * 2001 not in data.get("action_points", ""):
        assert "Afspraak over pauzes" in html
    assert not TeamDiscussion.select().exists()


def test_a_meeting_late_last_month_counts_for_last_month(client):
    team = lead_client(client)
    client.post(
        f"/prompts/teams/{team.id}/discussed", data={"held_on": "2026-10-30", "present": "4"}
    )
    assert TeamDiscussion.get().month == date(2026, 10, 1)


def test_team_history_shows_discussed_and_skipped_months(client):
    team = lead_client(client)
    TeamDiscussion.create(
        team=team,
        month=date(2026, 9, 1),
        prompt=Prompt.get(),
        held_on=date(2026, 9, 8),
        present=11,
        action_points="Vaste agendapunt",
    )
    html = client.get(f"/prompts/teams/{team.id}/history").get_data(as_text=True)
    assert "september 2026" in html and "Vaste agendapunt" in html and "11" in html
    assert "besproken" in html and "gemist" in html and "nog niet" in html


def test_lead_of_two_teams_switches_between_them(client):
    team = lead_client(client)
    from portal.core.accounts.models import Person
    from tests.factories import make_team

    second = make_team("Avonddienst", Person.get(Person.email == "lead@example.test"))
    html = client.get(f"/prompts/?team={second.id}").get_data(as_text=True)
    assert f'href="/prompts/teams/{second.id}/meeting"' in html
    assert f'href="/prompts/?team={team.id}"' in html


def test_lead_without_a_team_is_told_so(client):
    signed_in_client(client, [Role.TEAM_LEAD], email="new-lead@example.test")
    html = client.get("/prompts/").get_data(as_text=True)
    assert "Je bent nog geen leidinggevende van een team" in html


def test_hr_sees_the_organisation_prompt_and_its_tools(client):
    hr_client(client)
    html = client.get("/prompts/").get_data(as_text=True)
    assert november_prompt().title in html
    for href in ("/prompts/coverage", "/prompts/schedule", "/prompts/library/", "/guide/manage/"):
        assert f'href="{href}"' in html


LEAD_PAGES = ["meeting", "discussed", "history"]


@pytest.mark.parametrize("page", LEAD_PAGES)
def test_another_teams_lead_gets_403(client, page):
    lead_client(client)
    other = other_lead()
    assert client.get(f"/prompts/teams/{other.id}/{page}").status_code == 403


def test_another_teams_lead_cannot_post(client):
    lead_client(client)
    other = other_lead()
    prompt = Prompt.get()
    assert (
        client.post(
            f"/prompts/teams/{other.id}/choice", data={"prompt": str(prompt.id)}
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/prompts/teams/{other.id}/discussed", data={"held_on": "2026-11-10", "present": "3"}
        ).status_code
        == 403
    )
    assert not TeamPrompt.select().exists() and not TeamDiscussion.select().exists()


@pytest.mark.parametrize("roles", [[Role.EMPLOYEE], [Role.ADVISER], [Role.HR], [Role.ADMIN]])
def test_people_who_are_not_team_leads_get_403_on_team_pages(client, roles):
    team = other_lead()
    signed_in_client(client, roles)
    for page in LEAD_PAGES:
        if page == "history" and Role.HR in roles:
            continue  # HR reads every team's history (the next test)
        assert client.get(f"/prompts/teams/{team.id}/{page}").status_code == 403
    assert client.post(f"/prompts/teams/{team.id}/choice", data={"prompt": ""}).status_code == 403


def test_hr_reads_any_teams_history_and_goes_back_to_coverage(client):
    """HR sees every team's coverage, so may read the months behind it (was 403, #22)."""
    team = other_lead()
    TeamDiscussion.create(
        team=team,
        month=date(2026, 9, 1),
        prompt=Prompt.get(),
        held_on=date(2026, 9, 8),
        present=11,
        action_points="Vaste agendapunt",
    )
    hr_client(client)
    response = client.get(f"/prompts/teams/{team.id}/history")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Facilitair" in html and "Vaste agendapunt" in html
    assert 'href="/prompts/coverage"' in html
    assert client.get("/prompts/teams/99999/history").status_code == 404
    coverage = client.get("/prompts/coverage").get_data(as_text=True)
    assert f'href="/prompts/teams/{team.id}/history"' in coverage


def test_the_override_lists_the_organisations_prompt_once(client):
    lead_client(client)
    html = client.get("/prompts/").get_data(as_text=True)
    title = november_prompt().title
    select = html.split('name="prompt"', 1)[1].split("</select>", 1)[0]
    options = select.count("<option")
    assert select.count(title) == 1, select  # only as "The organisation's prompt: ..."
    assert options == len(library.ordered())  # the organisation's choice plus the 12 others


@pytest.mark.parametrize("roles", [[Role.EMPLOYEE], [Role.ADVISER], [Role.ADMIN]])
def test_this_month_and_library_are_for_leads_and_hr_only(client, roles):
    signed_in_client(client, roles)
    assert client.get("/prompts/").status_code == 403
    assert client.get("/prompts/library/").status_code == 403


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get("/prompts/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_this_month_is_in_the_lead_navigation(client):
    lead_client(client)
    assert 'href="/prompts/"' in client.get("/").get_data(as_text=True)


def test_today_is_fixed_in_these_tests():
    assert schedule.today() == TODAY


def test_discussed_needs_the_csrf_token_when_protection_is_on(app, client):
    import re

    team = lead_client(client)
    app.config["WTF_CSRF_ENABLED"] = True  # after signing in, as in production from here on
    url = f"/prompts/teams/{team.id}/discussed"
    assert client.post(url, data={"held_on": "2026-11-10", "present": "3"}).status_code == 400
    page = client.get("/prompts/").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(
        url, data={"held_on": "2026-11-10", "present": "3"}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 302 and TeamDiscussion.select().count() == 1


def test_pages_have_no_inline_script_or_style(client):
    import re

    team = lead_client(client)
    for url in ("/prompts/", f"/prompts/teams/{team.id}/history", "/prompts/library/"):
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url
