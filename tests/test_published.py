"""Published content kept per worker: built again after every change, and never personal."""

from dataclasses import replace
from datetime import date

import pytest

from portal.advisers.models import AdviserProfile
from portal.core.accounts import keyring
from portal.core.accounts.models import Person, PersonRole
from portal.core.accounts.roles import Role
from portal.core.bilingual import PageDraft as Draft
from portal.guide import editing, pages
from portal.platform.published import PublishedGeneration
from portal.prompts import library, schedule
from portal.prompts.models import MonthPrompt
from tests.conftest import PASSWORD, make_adviser, make_person, signed_in_client
from tests.factories import lead_client, travel_to


def counter() -> int:
    return PublishedGeneration.get_by_id(1).counter


def raises_counter(change) -> bool:
    before = counter()
    change()
    return counter() > before


def retitled(drafts: dict) -> dict:
    """The same texts with a new Dutch title."""
    return {**drafts, "nl": replace(drafts["nl"], title="Een nieuwe titel")}


def test_every_source_of_published_content_raises_the_counter(app):
    adviser = make_adviser()
    author = make_person(email="hr@example.test", roles=(Role.HR,))
    profile = AdviserProfile.get(AdviserProfile.person == adviser)
    entry = pages.find("timeline")
    changes = {
        "guide page": lambda: editing.save_page(
            entry, {**editing.drafts_of(entry), "nl": Draft("Tijdlijn", "Nieuw.")}, author
        ),
        "prompt": lambda: library.save_prompt(
            library.ordered()[0],
            "timeline",
            retitled(library.drafts_of(library.ordered()[0])),
            author,
        ),
        "month's prompt": lambda: MonthPrompt.create(
            month="2026-12-01", prompt=library.ordered()[1], set_by=author
        ),
        "profile": lambda: (
            AdviserProfile.update(away_until="2026-12-24")
            .where(AdviserProfile.id == profile.id)
            .execute()
        ),
        "adviser's name": lambda: (
            Person.update(display_name="M. Jansen").where(Person.id == adviser.id).execute()
        ),
        "adviser leaving": lambda: (
            Person.update(active=False).where(Person.id == adviser.id).execute()
        ),
        "role": lambda: PersonRole.create(person=author, role=Role.ADVISER.value),
        "key pair": lambda: keyring.create(author, PASSWORD),
    }
    for name, change in changes.items():
        assert raises_counter(change), f"{name} left the counter alone"


def test_what_no_one_else_sees_leaves_the_counter_alone(app):
    person = make_person(email="someone@example.test", roles=(Role.EMPLOYEE,))
    for change in (
        lambda: Person.update(locale="en").where(Person.id == person.id).execute(),
        lambda: Person.update(must_change_password=True).where(Person.id == person.id).execute(),
    ):
        assert not raises_counter(change)


def test_the_directory_shows_a_renamed_and_an_unlisted_adviser_at_once(app, client):
    adviser = make_adviser(name="Marieke Jansen")
    assert "Marieke Jansen" in client.get("/advisers/").get_data(as_text=True)
    Person.update(display_name="Marieke de Vries").where(Person.id == adviser.id).execute()
    html = client.get("/advisers/").get_data(as_text=True)
    assert "Marieke de Vries" in html and "Marieke Jansen" not in html
    AdviserProfile.update(listed=False).where(AdviserProfile.person == adviser).execute()
    assert "Marieke de Vries" not in client.get("/advisers/").get_data(as_text=True)


def test_a_guide_page_shows_its_new_version_at_once(app, client):
    title = pages.load("timeline", "nl").title
    assert title in client.get("/guide/timeline").get_data(as_text=True)
    author = make_person(email="hr@example.test", roles=(Role.HR,))
    editing.save_page(
        pages.find("timeline"),
        {**editing.drafts_of(pages.find("timeline")), "nl": Draft("Een nieuwe tijdlijn", "Tekst.")},
        author,
    )
    html = client.get("/guide/timeline").get_data(as_text=True)
    assert "Een nieuwe tijdlijn" in html and f"<h1>{title}</h1>" not in html


def test_the_lead_sees_the_prompt_hr_sets_for_the_month_at_once(app, client, monkeypatch):
    travel_to(monkeypatch)
    lead_client(client)
    prompts = library.ordered()
    html = client.get("/prompts/").get_data(as_text=True)
    assert library.load(prompts[10], "nl").title in html  # November in the rotation
    hr = make_person(email="hr@example.test", roles=(Role.HR,))
    schedule.set_organisation_prompts({date(2026, 11, 1): prompts[3].id}, hr)
    html = client.get("/prompts/").get_data(as_text=True)
    assert library.load(prompts[3], "nl").title in html


def texts_in(value, seen=None) -> list[str]:
    """Every text inside a kept value: models' columns, dataclasses, lists, dicts, markup."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, str | bytes | int | float | date) or value is None:
        return [str(value)]
    if isinstance(value, dict):
        items = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    elif hasattr(value, "__data__"):  # a peewee model: its columns and joined rows
        items = [*value.__data__.values(), *getattr(value, "__rel__", {}).values()]
        items += [v for v in vars(value).values() if hasattr(v, "__data__")]
    elif hasattr(value, "__dataclass_fields__"):
        items = [getattr(value, name) for name in value.__dataclass_fields__]
    else:
        items = list(vars(value).values()) if hasattr(value, "__dict__") else [str(value)]
    return [text for item in items for text in texts_in(item, seen)]


def test_nothing_kept_names_the_visitor(app):
    make_adviser(name="Marieke Jansen")
    visitor = signed_in_client(
        app.test_client(), [Role.EMPLOYEE, Role.TEAM_LEAD], email="zq.visitor@example.test"
    )
    Person.update(display_name="Zwaantje Quaak").where(
        Person.email == "zq.visitor@example.test"
    ).execute()
    for path in ("/advisers/", "/guide/", "/guide/timeline", "/report/form", "/prompts/"):
        assert visitor.get(path).status_code == 200
    kept = " ".join(texts_in(app.extensions["published"]))
    assert app.extensions["published"], "the pages kept nothing"
    for trace in ("zq.visitor", "Zwaantje Quaak", "adviser@example.test", "$argon2"):
        assert trace not in kept  # the visitor, nor an adviser's e-mail or password hash
    assert "Marieke Jansen" in kept  # the public directory card is what is kept


@pytest.mark.parametrize("path", ["/advisers/", "/guide/timeline", "/guide/"])
def test_a_page_kept_for_one_language_is_not_served_in_the_other(app, client, path):
    dutch = client.get(path, headers={"Cookie": ""}).get_data(as_text=True)
    client.post("/language", data={"locale": "en"})
    english = client.get(path).get_data(as_text=True)
    assert 'lang="nl"' in dutch and 'lang="en"' in english
    assert dutch != english


def sections_of(html: str) -> str:
    """The one-page form's sections: between the CSRF field and the send button."""
    form = html.split('action="/report/form"', 1)[1]
    after_token = form.split('name="csrf_token"', 1)[1].split(">", 1)[1]
    return after_token.split('value="review"', 1)[0]


def test_the_blank_report_form_is_kept_but_a_draft_is_always_the_persons_own(app):
    make_adviser(name="Marieke Jansen")
    first = sections_of(app.test_client().get("/report/form").get_data(as_text=True))
    writer = app.test_client()
    writer.post(
        "/report/step/incidents",
        data={"incidents-0-place": "Kantine tweede verdieping", "action": "next"},
    )
    own = writer.get("/report/form").get_data(as_text=True)
    assert "Kantine tweede verdieping" in own
    later = sections_of(app.test_client().get("/report/form").get_data(as_text=True))
    assert "Kantine tweede verdieping" not in later
    assert later == first and "Marieke Jansen" in later
    rendered_anew = app.extensions["published"].clear() or app.test_client().get("/report/form")
    assert sections_of(rendered_anew.get_data(as_text=True)) == first


def test_the_counter_read_along_a_session_is_taken_only_by_a_request_that_reads(app):
    from types import SimpleNamespace

    from flask import g

    from portal.platform import published

    def taken(method: str, *rows) -> object:
        with app.test_request_context("/", method=method):
            for row in rows:
                published.noted(row)
            return g.get("published_generation")

    row, later = SimpleNamespace(published_generation=7), SimpleNamespace(published_generation=8)
    assert taken("GET", row) == 7
    assert taken("GET", row, later) == 7  # the first reading stands for the whole request
    # A change may come after it: such a request reads the counter after its change.
    assert taken("POST", row) is None
