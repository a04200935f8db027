"""The standing question on online harassment (#24): every meeting view opens with it beside
the month's prompt, and "discussed" records that it was asked, never who answered."""

import pytest

from portal.prompts.models import TeamDiscussion
from tests.factories import in_english, lead_client, travel_to


@pytest.fixture(autouse=True)
def november(monkeypatch):
    travel_to(monkeypatch)


def test_the_meeting_view_opens_with_the_standing_question(client):
    team = lead_client(in_english(client))
    html = client.get(f"/prompts/teams/{team.id}/meeting").get_data(as_text=True)
    assert "Standing question" in html and "online harassment, threats or abuse" in html
    later = client.get(f"/prompts/teams/{team.id}/meeting?q=1").get_data(as_text=True)
    assert "Standing question" not in later  # the opening only


def test_discussed_records_that_it_was_asked_and_nothing_about_who(client):
    team = lead_client(in_english(client))
    client.post(
        f"/prompts/teams/{team.id}/discussed",
        data={"held_on": "2026-11-17", "present": "8", "standing_question_asked": "y"},
    )
    assert TeamDiscussion.get().standing_question_asked is True
    html = client.get(f"/prompts/?team={team.id}").get_data(as_text=True)
    assert "The standing question on online harassment was asked." in html
    client.post(
        f"/prompts/teams/{team.id}/discussed", data={"held_on": "2026-11-17", "present": "8"}
    )
    assert TeamDiscussion.get().standing_question_asked is False
