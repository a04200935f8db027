"""The prompt library: at least twelve prompts, each complete in Dutch and English, seeded."""

import pytest

from portal.guide import pages as guide_pages
from portal.prompts import library
from portal.prompts.models import Prompt, PromptVersion


def test_library_files_hold_at_least_twelve_complete_prompts_in_both_languages():
    sources = library.read_files()
    assert len(sources) >= 12
    assert len({s.slug for s in sources}) == len(sources)
    for source in sources:
        assert set(source.drafts) == {"nl", "en"}, source.slug
        for locale, draft in source.drafts.items():
            assert draft.problems() == [], (source.slug, locale)
            assert 3 <= len(draft.questions) <= 5, (source.slug, locale)
            assert all(q.endswith("?") for q in draft.questions), (source.slug, locale)
        assert source.guide_page in guide_pages.ORDER, source.slug


def test_migration_seeds_every_prompt_in_both_languages(app):
    assert Prompt.select().count() == len(library.read_files()) >= 12
    for locale in ("nl", "en"):
        texts = library.all_prompts(locale)
        assert len(texts) >= 12
        for text in texts:
            assert text.locale == locale, text.slug
            assert len(text.questions) >= 3 and text.title and str(text.intro) and str(text.case)
    seeded = PromptVersion.select().where(PromptVersion.from_files == True)
    assert seeded.count() == 2 * Prompt.select().count()
    assert not PromptVersion.select().where(PromptVersion.author.is_null(False)).exists()


def test_rotation_follows_file_order(app):
    assert [p.slug for p in library.ordered()][:2] == [s.slug for s in library.read_files()][:2]


def test_prompts_cover_the_themes_of_the_issue(app):
    slugs = {p.slug for p in Prompt.select()}
    for theme in (
        "receiver-decides",
        "five-forms",
        "bystanders",
        "gifts",
        "side-jobs-and-interests",
        "online-harassment",
        "look-yourself-up",
        "conduct-agreements",
        "confidential-adviser",
        "confidentiality-limits",
        "aftercare",
        "anonymous-or-confidential",
        "speak-up-early",
    ):
        assert theme in slugs


@pytest.mark.parametrize("missing", ["title", "intro", "case"])
def test_a_draft_names_what_is_missing(missing):
    fields = {"title": "T", "intro": "I", "questions": "a?\nb?\nc?", "case": "C"}
    fields[missing] = ""
    assert library.Draft.from_fields(**fields).problems() == [missing]


def test_a_draft_needs_three_to_five_questions():
    def draft(n):
        return library.Draft.from_fields("T", "I", "\n".join(f"q{i}?" for i in range(n)), "C")

    assert draft(2).problems() == ["questions"]
    assert draft(3).problems() == [] and draft(5).problems() == []
    assert draft(6).problems() == ["questions"]
    assert library.Draft.from_fields("", "", "\n \n", "") is None
