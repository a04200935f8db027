"""The guided check: one question at a time (htmx or plain form), ending on a page and a step."""

import pytest

from portal.guide import check, pages


def answer(client, step, answers, **extra):
    data = {"step": step, **answers, **extra}
    return client.post("/guide/check", data=data)


def test_the_check_starts_with_the_first_question_without_signing_in(client):
    response = client.get("/guide/check")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="about"' in html and 'type="radio"' in html
    assert 'method="post" action="/guide/check"' in html and 'data-hx-post="/guide/check"' in html


def test_plain_form_walks_to_the_result_without_javascript(client):
    html = answer(client, "about", {"about": "behaviour"}).get_data(as_text=True)
    assert 'name="who"' in html and 'type="hidden" name="about" value="behaviour"' in html
    html = answer(client, "who", {"about": "behaviour", "who": "me"}).get_data(as_text=True)
    assert 'name="pattern"' in html
    html = answer(
        client, "pattern", {"about": "behaviour", "who": "me", "pattern": "repeated"}
    ).get_data(as_text=True)
    assert 'href="/guide/steps-unwanted-behaviour"' in html
    assert pages.load("steps-unwanted-behaviour", "nl").title in html
    for key in ("record", "adviser", "report"):
        assert f"next-step--{key}" in html


@pytest.mark.parametrize(
    ("answers", "page", "steps"),
    [
        ({"about": "integrity"}, "steps-integrity", ("adviser", "report")),
        ({"about": "online", "who": "me"}, "online-harassment", ("aftercare", "look", "record", "adviser")),
        (
            {"about": "behaviour", "who": "other", "pattern": "once"},
            "bystanders",
            ("adviser", "record"),
        ),
        (
            {"about": "behaviour", "who": "me", "pattern": "once"},
            "unwanted-behaviour",
            ("record", "adviser"),
        ),
        (
            {"about": "unsure", "who": "me", "pattern": "repeated"},
            "unwanted-behaviour",
            ("record", "adviser"),
        ),
        (
            {"about": "behaviour", "who": "me", "pattern": "danger"},
            "reporting-inside-outside",
            ("adviser", "report"),
        ),
    ],
)
def test_outcomes(answers, page, steps):
    assert check.next_question(check.valid_answers(answers)) is None
    outcome = check.outcome(answers)
    assert (outcome.guide_page, outcome.steps) == (page, steps)
    assert page in pages.ORDER


def test_danger_shows_the_emergency_number(client):
    html = answer(
        client, "pattern", {"about": "behaviour", "who": "me", "pattern": "danger"}
    ).get_data(as_text=True)
    assert "112" in html


def test_steps_link_to_their_guide_page_while_that_part_does_not_exist(app, client):
    html = answer(client, "about", {"about": "integrity"}).get_data(as_text=True)
    for key in ("adviser", "report"):
        step = check.NEXT_STEPS[key]
        if step.endpoint in app.view_functions:
            assert 'href="/' in html
        else:
            assert f'href="/guide/{step.guide_page}"' in html


def test_steps_link_to_the_part_of_the_portal_when_it_exists(app, client):
    from portal.web import access

    if "record.index" not in app.view_functions:
        app.add_url_rule(
            "/journal-stand-in", endpoint="record.index", view_func=access.public(lambda: "")
        )
    html = answer(client, "about", {"about": "online", "who": "me"}).get_data(as_text=True)
    with app.test_request_context():
        from flask import url_for

        assert f'href="{url_for("record.index")}"' in html


def test_unanswered_question_shows_an_error_and_stays(client):
    html = answer(client, "who", {"about": "behaviour"}).get_data(as_text=True)
    assert 'class="error-summary"' in html and 'name="who"' in html
    assert 'href="#answer-who-0"' in html and 'id="answer-who-0"' in html


def test_back_goes_to_the_previous_question(client):
    html = answer(client, "pattern", {"about": "behaviour", "who": "me"}, back="1").get_data(
        as_text=True
    )
    assert 'name="who"' in html and 'type="radio"' in html
    assert 'type="hidden" name="who"' not in html
    result_back = answer(client, "result", {"about": "integrity"}, back="1").get_data(as_text=True)
    assert 'name="about"' in result_back and 'type="radio"' in result_back


def test_unknown_answers_are_ignored(client):
    html = answer(client, "about", {"about": "<script>", "who": "me"}).get_data(as_text=True)
    assert (
        'name="about"' in html
        and "&lt;script&gt;" not in html
        and "<script>" not in html.split("</head>")[1]
    )


def test_htmx_gets_only_the_step_and_focus_moves_to_it(client):
    response = client.post(
        "/guide/check", data={"step": "about", "about": "behaviour"}, headers={"HX-Request": "true"}
    )
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'name="who"' in html and "autofocus" in html
    assert "HX-Request" in response.headers["Vary"]
    full = client.post("/guide/check", data={"step": "about", "about": "behaviour"})
    assert "autofocus" not in full.get_data(as_text=True)


def test_check_in_english(client):
    client.post("/language", data={"locale": "en"})
    html = client.get("/guide/check").get_data(as_text=True)
    assert "What is it about?" in html and "Question 1 of 3" in html


def test_the_online_result_leads_to_aftercare_and_to_looking_yourself_up(client):
    """Issue 28: "Ask for aftercare" and "Look yourself up" were reached only through the guide."""
    client.post("/language", data={"locale": "en"})
    html = answer(client, "who", {"about": "online", "who": "me"}).get_data(as_text=True)
    assert 'href="/aftercare/ask"' in html and "Ask for aftercare" in html
    assert 'href="/guide/look-yourself-up"' in html and "Look yourself up" in html
    assert "look-yourself-up" in pages.ORDER
