"""The meeting view: one question at a time, plain links without JavaScript, htmx fragments."""

import re

import pytest

from portal.prompts import library
from tests.factories import lead_client, travel_to


@pytest.fixture(autouse=True)
def november(monkeypatch):
    travel_to(monkeypatch)


def prompt_text(locale="nl"):
    return library.load(library.ordered()[10], locale)


def test_opening_shows_title_intro_and_case_and_links_to_the_first_question(client):
    team = lead_client(client)
    html = client.get(f"/prompts/teams/{team.id}/meeting").get_data(as_text=True)
    text = prompt_text()
    assert text.title in html and 'class="meeting"' in html
    assert f'href="/prompts/teams/{team.id}/meeting?q=1#slide"' in html
    assert 'rel="prev"' not in html
    assert text.questions[0] not in html


def test_each_question_alone_with_previous_and_next(client):
    team = lead_client(client)
    text = prompt_text()
    for number, question in enumerate(text.questions, start=1):
        html = client.get(f"/prompts/teams/{team.id}/meeting?q={number}").get_data(as_text=True)
        shown = [q for q in text.questions if q.replace("'", "&#39;") in html]
        assert shown == [question]
        assert f"Vraag {number} van {len(text.questions)}" in html
        assert f'href="/prompts/teams/{team.id}/meeting?q={number - 1}#slide"' in html
        assert f'href="/prompts/teams/{team.id}/meeting?q={number + 1}#slide"' in html


def test_the_end_leads_back_to_marking_it_discussed(client):
    team = lead_client(client)
    last = len(prompt_text().questions) + 1
    html = client.get(f"/prompts/teams/{team.id}/meeting?q={last}").get_data(as_text=True)
    assert 'rel="next"' not in html
    assert f'href="/prompts/?team={team.id}#discussed"' in html


@pytest.mark.parametrize("q", ["-3", "99", "abc"])
def test_out_of_range_steps_are_clamped(client, q):
    team = lead_client(client)
    assert client.get(f"/prompts/teams/{team.id}/meeting?q={q}").status_code == 200


def test_htmx_step_returns_only_the_slide(client):
    team = lead_client(client)
    response = client.get(f"/prompts/teams/{team.id}/meeting?q=2", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and 'class="slide"' in html
    assert prompt_text().questions[1].replace("'", "&#39;") in html
    assert "HX-Request" in response.headers["Vary"]


def test_boosted_or_history_restore_requests_get_the_full_page(client):
    team = lead_client(client)
    url = f"/prompts/teams/{team.id}/meeting?q=2"
    for headers in (
        {"HX-Request": "true", "HX-Boosted": "true"},
        {"HX-Request": "true", "HX-History-Restore-Request": "true"},
    ):
        assert "<html" in client.get(url, headers=headers).get_data(as_text=True)


def test_keyboard_script_is_a_file_and_no_inline_script_or_style(client):
    team = lead_client(client)
    html = client.get(f"/prompts/teams/{team.id}/meeting").get_data(as_text=True)
    assert '<script src="/static/js/meeting.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html and "<style" not in html
    assert client.get("/static/js/meeting.js").status_code == 200


def test_links_carry_htmx_attributes_and_push_the_url(client):
    team = lead_client(client)
    html = client.get(f"/prompts/teams/{team.id}/meeting?q=1").get_data(as_text=True)
    assert f'data-hx-get="/prompts/teams/{team.id}/meeting?q=2"' in html
    assert 'data-hx-target="#slide"' in html and "data-meeting-next" in html
    assert "data-meeting-prev" in html and "data-meeting-first" in html
