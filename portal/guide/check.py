"""The guided check: a few questions that lead to the right guide page and a next step."""

from collections.abc import Mapping
from dataclasses import dataclass

from portal.platform.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class Option:
    value: str
    label: object
    hint: object = None


@dataclass(frozen=True)
class Question:
    name: str
    text: object
    options: tuple[Option, ...]


@dataclass(frozen=True)
class NextStep:
    endpoint: str  # linked only when that part of the portal exists
    title: object
    text: object
    guide_page: str  # read this instead when it does not


@dataclass(frozen=True)
class Outcome:
    guide_page: str
    steps: tuple[str, ...]  # keys of NEXT_STEPS, most fitting first
    urgent: bool = False


ABOUT = Question(
    "about",
    _l("What is it about?"),
    (
        Option(
            "behaviour",
            _l("How someone treats me or a colleague"),
            _l("Remarks, jokes, being left out, threats, touching, unequal treatment."),
        ),
        Option(
            "integrity",
            _l("Something that harms the organisation or society"),
            _l(
                "Fraud, theft, gifts or side jobs that cloud judgement, danger to health or environment."
            ),
        ),
        Option(
            "online",
            _l("Something online about a staff member"),
            _l("A post, video or message on social media aimed at someone who works here."),
        ),
        Option("unsure", _l("I am not sure")),
    ),
)
WHO = Question(
    "who",
    _l("Who is it happening to?"),
    (
        Option("me", _l("To me")),
        Option("other", _l("To someone else: I saw or heard it")),
    ),
)
PATTERN = Question(
    "pattern",
    _l("How would you describe it?"),
    (
        Option("once", _l("It happened once")),
        Option("repeated", _l("It keeps happening, or it is getting worse")),
        Option(
            "danger",
            _l("Someone is in danger, or it may be a crime"),
            _l("Violence, serious threats, stalking, sexual assault."),
        ),
    ),
)
QUESTIONS = {q.name: q for q in (ABOUT, WHO, PATTERN)}
# Which questions follow the first answer.
FLOW = {
    "behaviour": ("about", "who", "pattern"),
    "unsure": ("about", "who", "pattern"),
    "online": ("about", "who"),
    "integrity": ("about",),
}
NEXT_STEPS = {
    "adviser": NextStep(
        "advisers.directory",
        _l("Talk to a confidential adviser"),
        _l(
            "In confidence and free of charge, with an adviser you choose. Talking commits you to nothing."
        ),
        "first-conversation",
    ),
    "record": NextStep(
        "record.index",
        _l("Start a private record"),
        _l(
            "Write down what happened while it is fresh: dates, places, who was there. Only you can read it."
        ),
        "timeline",
    ),
    "aftercare": NextStep(
        "aftercare.ask",
        _l("Ask for aftercare"),
        _l(
            "Harassed online because of your work? Your team lead or HR helps you: screenshots, a notice to the platform, the police."
        ),
        "online-harassment",
    ),
    "look": NextStep(
        "",  # a guide page, not a part of the portal
        _l("Look yourself up"),
        _l("What can others find about you online? Look, and shield what you can."),
        "look-yourself-up",
    ),
    "report": NextStep(
        "reports.start",
        _l("Report it"),
        _l("Anonymously, confidentially or by name: you decide. You can talk to an adviser first."),
        "reporting-inside-outside",
    ),
}


def valid_answers(raw: Mapping[str, str]) -> dict[str, str]:
    """Keep the answers that fit the flow, in order, up to the first missing or unknown one."""
    answers: dict[str, str] = {}
    about = raw.get("about", "")
    for name in FLOW.get(about, ("about",)):
        value = raw.get(name, "")
        if value not in {option.value for option in QUESTIONS[name].options}:
            break
        answers[name] = value
    return answers


def next_question(answers: Mapping[str, str]) -> Question | None:
    """Return the first question still open, or None when the check is complete."""
    for name in FLOW.get(answers.get("about", ""), ("about",)):
        if name not in answers:
            return QUESTIONS[name]
    return None


def go_back(answers: Mapping[str, str], step: str) -> dict[str, str]:
    """Return the answers that lead back to the question before `step` (the last one from the result)."""
    names = list(answers)
    end = names.index(step) if step in names else len(names)
    return {name: answers[name] for name in names[: max(0, end - 1)]}


def step_number(question: Question, answers: Mapping[str, str]) -> tuple[int, int]:
    """Return which question this is and how many the flow has (for 'question 2 of 3')."""
    flow = FLOW.get(answers.get("about", ""), ("about", "who", "pattern"))
    return flow.index(question.name) + 1, len(flow)


def outcome(answers: Mapping[str, str]) -> Outcome:
    """Return the guide page and next steps that fit a complete set of answers."""
    about, who, pattern = (answers.get(k) for k in ("about", "who", "pattern"))
    if about == "integrity":
        return Outcome("steps-integrity", ("adviser", "report"))
    if about == "online":
        return Outcome("online-harassment", ("aftercare", "look", "record", "adviser"))
    if pattern == "danger":
        return Outcome("reporting-inside-outside", ("adviser", "report"), urgent=True)
    if who == "other":
        return Outcome("bystanders", ("adviser", "record"))
    if about == "unsure" or pattern == "once":
        return Outcome("unwanted-behaviour", ("record", "adviser"))
    return Outcome("steps-unwanted-behaviour", ("record", "adviser", "report"))
