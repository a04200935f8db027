"""The prompt library: read from the files once, then kept as text versions in the database."""

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from peewee import JOIN, fn

from portal.core import bilingual
from portal.core.accounts.models import Person
from portal.guide.pages import make_slug
from portal.platform.database import db
from portal.platform.rich_text import render_markdown
from portal.prompts.models import Prompt, PromptVersion

LOCALES = bilingual.LOCALES
LIBRARY_DIR = Path(__file__).parent / "library"
MIN_QUESTIONS, MAX_QUESTIONS = 3, 5


class PromptNotFound(LookupError):
    """No prompt has this name."""


@dataclass(frozen=True)
class Draft:
    """The editable text of a prompt in one language, as Markdown and plain lines."""

    title: str
    intro: str
    questions: tuple[str, ...]
    case: str

    @classmethod
    def from_fields(cls, title: str, intro: str, questions: str, case: str) -> "Draft | None":
        """Return a draft from form fields, or None when all of them are empty."""
        lines = tuple(line.strip() for line in (questions or "").splitlines() if line.strip())
        intro, case = ((text or "").replace("\r\n", "\n").strip() for text in (intro, case))
        draft = cls((title or "").strip(), intro, lines, case)
        return draft if any((draft.title, draft.intro, draft.questions, draft.case)) else None

    def problems(self) -> list[str]:
        """Return the names of the parts that are missing, or the questions when too few or many."""
        wrong = [name for name in ("title", "intro", "case") if not getattr(self, name)]
        if not MIN_QUESTIONS <= len(self.questions) <= MAX_QUESTIONS:
            wrong.append("questions")
        return wrong

    def columns(self) -> dict[str, str]:
        """Return the draft as the text columns of a version row."""
        return {
            "title": self.title,
            "intro": self.intro,
            "questions": "\n".join(self.questions),
            "case_text": self.case,
        }


@dataclass(frozen=True)
class PromptSource:
    """A prompt as written in its library file."""

    slug: str
    guide_page: str
    drafts: dict[str, Draft]


@dataclass(frozen=True)
class PromptText:
    """A prompt ready to show, in the language its text is actually in."""

    id: int
    slug: str
    guide_page: str
    locale: str
    title: str
    intro: Markup
    questions: tuple[str, ...]
    case: Markup

    def is_fallback_for(self, wanted: str) -> bool:
        return self.locale != wanted


def read_files(directory: Path = LIBRARY_DIR) -> list[PromptSource]:
    """Read the library files in file order (the order of the default rotation)."""
    sources = []
    for path in sorted(directory.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        drafts = {
            locale: Draft(
                data[locale]["title"].strip(),
                data[locale]["intro"].strip(),
                tuple(q.strip() for q in data[locale]["questions"]),
                data[locale]["case"].strip(),
            )
            for locale in LOCALES
            if locale in data
        }
        sources.append(PromptSource(data["slug"], data["guide_page"], drafts))
    return sources


def latest_versions(
    prompt_ids: Iterable[int] | None = None,
) -> dict[tuple[int, str], PromptVersion]:
    """Return the newest version per prompt and language, in one query."""
    return bilingual.newest_versions(PromptVersion, PromptVersion.prompt, prompt_ids)


def text_of(prompt: Prompt, version: PromptVersion) -> PromptText:
    """Return the prompt's text to show, from one of its versions."""
    return PromptText(
        id=prompt.id,
        slug=prompt.slug,
        guide_page=prompt.guide_page,
        locale=version.locale,
        title=version.title,
        intro=render_markdown(version.intro),
        questions=tuple(q for q in version.questions.splitlines() if q.strip()),
        case=render_markdown(version.case_text),
    )


def ordered() -> list[Prompt]:
    """Return every prompt in the order of the default rotation."""
    return list(Prompt.select().order_by(Prompt.position, Prompt.id))


def find(slug: str) -> Prompt:
    """Return the prompt with this name; raise PromptNotFound."""
    return bilingual.by_slug(Prompt, slug, PromptNotFound)


def load(prompt: Prompt, locale: str) -> PromptText:
    """Return one prompt's text in this language (or the other one)."""
    shown = bilingual.shown_texts([prompt], latest_versions([prompt.id]), locale, text_of)
    if not shown:
        raise PromptNotFound(prompt.slug)
    return shown[0]


def all_prompts(locale: str) -> list[PromptText]:
    """Return every prompt's text in rotation order, in two queries."""
    return bilingual.shown_texts(ordered(), latest_versions(), locale, text_of)


def titles(locale: str) -> dict[int, str]:
    """Return each prompt's title in this language (or the other one), by prompt id."""
    versions = latest_versions()
    picked = {
        prompt_id: bilingual.in_language(versions, prompt_id, locale) for prompt_id, _ in versions
    }
    return {prompt_id: version.title for prompt_id, version in picked.items()}


def drafts_of(prompt: Prompt) -> dict[str, Draft]:
    """Return the newest editable text per language that has one."""
    versions = latest_versions([prompt.id])
    return {
        locale: Draft(v.title, v.intro, tuple(v.questions.splitlines()), v.case_text)
        for (_, locale), v in versions.items()
    }


def save_prompt(
    prompt: Prompt | None, guide_page: str, drafts: dict[str, Draft | None], author: Person
) -> tuple[Prompt, list[str]]:
    """Create or change a prompt; add a version for every language whose text changed."""
    given, changed = bilingual.languages_to_save(
        drafts, drafts_of(prompt) if prompt is not None else {}
    )
    with db.atomic():
        if prompt is None:
            first = given.get("en") or next(iter(given.values()))
            taken = {p.slug for p in Prompt.select(Prompt.slug)}
            position = (Prompt.select(fn.MAX(Prompt.position)).scalar() or 0) + 1
            prompt = Prompt.create(
                slug=make_slug(first.title, taken), guide_page=guide_page, position=position
            )
        elif prompt.guide_page != guide_page:
            prompt.guide_page = guide_page
            prompt.save()
        bilingual.add_versions(PromptVersion, given, changed, author, prompt=prompt)
    return prompt, changed


def history(prompt: Prompt) -> list[PromptVersion]:
    """Return every version of a prompt, newest first, with its author."""
    return list(
        PromptVersion.select(PromptVersion, Person)
        .join(Person, join_type=JOIN.LEFT_OUTER, on=(PromptVersion.author == Person.id))
        .where(PromptVersion.prompt == prompt)
        .order_by(PromptVersion.id.desc())
    )
