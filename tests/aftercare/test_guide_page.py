"""The guide's "look yourself up" page, linked from the online-harassment page, and the
migration that brings both to installations made before it."""

import importlib.util

from portal.core.accounts.models import Person
from portal.guide.models import GuideEntry, GuideVersion
from portal.platform.settings import PROJECT_ROOT


def test_look_yourself_up_in_both_languages(client):
    client.post("/language", data={"locale": "en"})
    page = client.get("/guide/look-yourself-up").get_data(as_text=True)
    assert "Look yourself up" in page and "Privacy settings to check" in page
    assert 'href="online-harassment"' in page
    client.post("/language", data={"locale": "nl"})
    page = client.get("/guide/look-yourself-up").get_data(as_text=True)
    assert "Zoek jezelf op" in page and "Heb je iets gevonden?" in page
    assert 'href="look-yourself-up"' in client.get("/guide/online-harassment").get_data(
        as_text=True
    )


def migration():
    path = PROJECT_ROOT / "migrations" / "0009_aftercare.py"
    spec = importlib.util.spec_from_file_location("migration_0009", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_older_installation_gets_the_page_and_the_link(app):
    harassment = GuideEntry.get(GuideEntry.slug == "online-harassment")
    GuideEntry.delete().where(GuideEntry.slug == "look-yourself-up").execute()
    GuideVersion.update(body="old text").where(GuideVersion.entry == harassment).execute()
    hr = Person.create(email="hr@example.test", display_name="HR")
    GuideVersion.create(entry=harassment, locale="en", title="Mine", body="HR's own", author=hr)
    migration().add_guide_pages(GuideEntry, GuideVersion)
    assert GuideEntry.get(GuideEntry.slug == "look-yourself-up").versions.count() == 2
    newest = {
        v.locale: v
        for v in GuideVersion.select()
        .where(GuideVersion.entry == harassment)
        .order_by(GuideVersion.id)
    }
    assert "look-yourself-up" in newest["nl"].body  # unchanged by HR: the link comes in
    assert newest["en"].body == "HR's own"  # HR's own text stays as it is
    migration().add_guide_pages(GuideEntry, GuideVersion)  # twice is harmless
    assert GuideEntry.select().where(GuideEntry.slug == "look-yourself-up").count() == 1


def test_the_look_yourself_up_prompt_links_its_page(app):
    from portal.prompts.models import Prompt

    assert Prompt.get(Prompt.slug == "look-yourself-up").guide_page == "look-yourself-up"
