"""HR edits prompts (preview, versions with who and when) and sets the monthly schedule."""

from datetime import date

import pytest

from portal.core.accounts.roles import Role
from portal.prompts import library, schedule
from portal.prompts.models import MonthPrompt, Prompt, PromptVersion
from tests.conftest import signed_in_client
from tests.factories import QueryCounter, hr_client, lead_client, travel_to
from tests.guide.test_guide import HOSTILE, assert_harmless, elements_of


@pytest.fixture(autouse=True)
def november(monkeypatch):
    travel_to(monkeypatch)


def form_for(prompt: Prompt, **changes) -> dict:
    """Return the editor's fields as they are now, with some changed."""
    data = {"guide_page": prompt.guide_page}
    for locale, draft in library.drafts_of(prompt).items():
        data.update(
            {
                f"title_{locale}": draft.title,
                f"intro_{locale}": draft.intro,
                f"questions_{locale}": "\n".join(draft.questions),
                f"case_{locale}": draft.case,
            }
        )
    data.update(changes)
    return data


def test_editor_shows_both_languages_side_by_side(client):
    hr_client(client)
    prompt = library.find("gifts")
    html = client.get("/prompts/library/gifts/edit").get_data(as_text=True)
    assert 'class="side-by-side"' in html
    for locale in ("nl", "en"):
        assert f'name="title_{locale}"' in html and f'lang="{locale}"' in html
        assert library.drafts_of(prompt)[locale].title in html


def test_saving_adds_a_version_with_who_and_when_and_the_page_shows_it(client):
    hr_client(client)
    prompt = library.find("gifts")
    response = client.post(
        "/prompts/library/gifts/edit",
        data=form_for(prompt, title_en="Gifts: where is the line?", action="save"),
    )
    assert response.status_code == 302
    newest = (
        PromptVersion.select()
        .where(PromptVersion.prompt == prompt)
        .order_by(PromptVersion.id.desc())[0]
    )
    assert (newest.locale, newest.title, newest.from_files) == (
        "en",
        "Gifts: where is the line?",
        False,
    )
    assert newest.author.email == "hr@example.test" and newest.created_at is not None
    # Only the changed language got a version.
    assert PromptVersion.select().where(PromptVersion.prompt == prompt).count() == 3
    client.post("/language", data={"locale": "en"})
    assert "Gifts: where is the line?" in client.get("/prompts/library/gifts").get_data(
        as_text=True
    )

    history = client.get("/prompts/library/gifts/history").get_data(as_text=True)
    assert "Gifts: where is the line?" in history and "Sanne de Vries" in history
    assert "As installed" in history


def test_saving_nothing_changed_adds_no_version(client):
    hr_client(client)
    prompt = library.find("gifts")
    before = PromptVersion.select().count()
    client.post("/prompts/library/gifts/edit", data=form_for(prompt, action="save"))
    assert PromptVersion.select().count() == before


def test_preview_renders_without_saving_and_htmx_gets_the_fragment(client):
    hr_client(client)
    prompt = library.find("gifts")
    data = form_for(prompt, intro_en="Preview **bold** text", action="preview")
    before = PromptVersion.select().count()
    page = client.post("/prompts/library/gifts/edit", data=data).get_data(as_text=True)
    assert "<strong>bold</strong>" in page and "<html" in page
    fragment = client.post("/prompts/library/gifts/edit", data=data, headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert "<strong>bold</strong>" in html and "<html" not in html
    assert "HX-Request" in fragment.headers["Vary"]
    assert PromptVersion.select().count() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"questions_nl": "Alleen één vraag?"}, "Schrijf 3 tot 5 vragen"),
        ({"case_en": ""}, "Vul de casus of het dilemma in."),
        ({"title_nl": "", "intro_nl": "", "questions_nl": "", "case_nl": ""}, "kan niet leeg"),
    ],
)
def test_incomplete_text_is_refused_and_kept(client, changes, message):
    hr_client(client)
    prompt = library.find("gifts")
    before = PromptVersion.select().count()
    data = form_for(prompt, action="save", intro_en="Typed and kept", **changes)
    html = client.post("/prompts/library/gifts/edit", data=data).get_data(as_text=True)
    assert "Typed and kept" in html and message in html
    assert 'class="error-summary"' in html
    assert PromptVersion.select().count() == before


def test_new_prompt_in_dutch_only_falls_back_with_a_note(client):
    hr_client(client)
    data = {
        "guide_page": "timeline",
        "title_nl": "Opschrijven helpt",
        "intro_nl": "Over het bijhouden van een tijdlijn.",
        "questions_nl": "Wat schrijf je op?\nWanneer?\nWaar bewaar je het?",
        "case_nl": "Een collega twijfelt of het de moeite waard is.",
        "action": "save",
    }
    response = client.post("/prompts/new", data=data)
    assert response.status_code == 302
    prompt = Prompt.get(Prompt.slug == "opschrijven-helpt")
    assert prompt.position == Prompt.select().count()
    client.post("/language", data={"locale": "en"})
    html = client.get("/prompts/library/opschrijven-helpt").get_data(as_text=True)
    assert "has not been translated yet, so it is shown in Dutch" in html
    assert 'lang="nl"' in html and "Opschrijven helpt" in html


def test_empty_new_prompt_is_refused(client):
    hr_client(client)
    html = client.post("/prompts/new", data={"guide_page": "timeline", "action": "save"})
    assert "in ten minste één taal" in html.get_data(as_text=True)
    assert Prompt.select().count() == len(library.read_files())


def body_part(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_markdown_in_a_prompt_never_reaches_the_page(client, hostile):
    hr_client(client)
    prompt = library.find("gifts")
    intro = f"Safe start\n\n{hostile}\n\nSafe end"
    response = client.post(
        "/prompts/library/gifts/edit",
        data=form_for(prompt, intro_nl=intro, case_nl=hostile, action="save"),
    )
    assert response.status_code == 302
    for url in ("/prompts/library/gifts", "/prompts/library/gifts/history"):
        html = client.get(url).get_data(as_text=True)
        main = body_part(html, '<main id="main" tabindex="-1">', "</main>")
        assert_harmless(main)
        assert "Safe end" in main
    preview = client.post(
        "/prompts/library/gifts/edit",
        data=form_for(prompt, intro_nl=intro, action="preview"),
        headers={"HX-Request": "true"},
    ).get_data(as_text=True)
    assert_harmless(preview)


def test_hostile_question_lines_are_plain_text(client):
    hr_client(client)
    prompt = library.find("gifts")
    questions = "<script>alert(1)</script>?\n<b onclick=x>Bold?</b>\nThird?"
    client.post(
        "/prompts/library/gifts/edit",
        data=form_for(prompt, questions_nl=questions, action="save"),
    )
    lead_client(client, email="lead2@example.test")
    html = client.get("/prompts/library/gifts").get_data(as_text=True)
    main = body_part(html, '<main id="main" tabindex="-1">', "</main>")
    assert_harmless(main)
    assert "&lt;script&gt;" in main
    assert all(tag != "b" for tag, _ in elements_of(main))


def test_schedule_sets_and_clears_the_organisation_prompt(client):
    hr_client(client)
    gifts = library.find("gifts")
    html = client.get("/prompts/schedule?year=2026").get_data(as_text=True)
    assert "januari 2026" in html and "december 2026" in html
    response = client.post(
        "/prompts/schedule?year=2026", data={"month": "12", "prompt": str(gifts.id)}
    )
    assert response.status_code == 302
    assert schedule.organisation_plan([date(2026, 12, 1)])[date(2026, 12, 1)] == schedule.Planned(
        gifts.id, schedule.Source.ORGANISATION
    )
    assert MonthPrompt.get().set_by.email == "hr@example.test"
    client.post("/prompts/schedule?year=2026", data={"month": "12", "prompt": ""})
    assert not MonthPrompt.select().exists()


def test_schedule_shows_each_months_prompt_once(client):
    """Twelve months, each with its one prompt in a row; one list of prompts to choose from
    (it was twelve lists of all 13 prompts, #22)."""
    hr_client(client)
    gifts = library.find("gifts")
    client.post("/prompts/schedule?year=2026", data={"month": "3", "prompt": str(gifts.id)})
    html = client.get("/prompts/schedule?year=2026").get_data(as_text=True)
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    assert len(rows) == 12
    titles = library.titles("nl")
    plan = schedule.organisation_plan(schedule.months_of_year(2026))
    for row, month in zip(rows, schedule.months_of_year(2026), strict=True):
        assert row.count("<td>") == 2
        assert titles[plan[month].prompt_id].replace("'", "&#39;") in row
    assert "HR" in rows[2] and "HR" not in rows[3]
    assert html.count("<select") == 2  # the month, and the prompt


def test_schedule_refuses_unknown_prompts(client):
    hr_client(client)
    for data in ({"month": "3", "prompt": "99999"}, {"month": "13", "prompt": ""}):
        html = client.post("/prompts/schedule?year=2026", data=data).get_data(as_text=True)
        assert 'class="error-summary"' in html
    assert not MonthPrompt.select().exists()


def test_library_page_lists_every_prompt_in_a_few_queries(client, monkeypatch):
    hr_client(client)
    counter = QueryCounter(monkeypatch)
    html = client.get("/prompts/library/").get_data(as_text=True)
    for text in library.all_prompts("nl"):
        assert text.title.replace("'", "&#39;") in html
    assert counter.count <= 12


HR_PAGES = [
    "/prompts/schedule",
    "/prompts/coverage",
    "/prompts/coverage.csv",
    "/prompts/new",
    "/prompts/library/gifts/edit",
    "/prompts/library/gifts/history",
]


@pytest.mark.parametrize("roles", [[Role.EMPLOYEE], [Role.TEAM_LEAD], [Role.ADVISER], [Role.ADMIN]])
def test_hr_pages_are_for_hr_only(client, roles):
    signed_in_client(client, roles)
    for page in HR_PAGES:
        assert client.get(page).status_code == 403, page
    assert client.post("/prompts/library/gifts/edit", data={"title_nl": "x"}).status_code == 403
    assert client.post("/prompts/schedule", data={"month": "1", "prompt": "1"}).status_code == 403
    assert not MonthPrompt.select().exists()


def test_hr_opens_every_hr_page(client):
    hr_client(client)
    for page in HR_PAGES:
        assert client.get(page).status_code == 200, page


def test_unknown_prompt_is_404(client):
    hr_client(client)
    assert client.get("/prompts/library/nope").status_code == 404
    assert client.get("/prompts/library/nope/edit").status_code == 404
