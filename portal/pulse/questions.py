"""The pulse's questions: short statements on the themes a validated team-safety scale
measures (speaking up, respect, mistakes not held against you, knowing where to go), in our
own words, answered on a five-point scale; and the standing question on online harassment."""

from dataclasses import dataclass

from portal.platform.i18n import lazy_gettext as _l

AGREE_SCALE = (1, 2, 3, 4, 5)
YES, NO = 1, 0


@dataclass(frozen=True)
class Question:
    key: str
    text: object
    scale: tuple[int, ...]
    # True when agreeing means a safer team (the share shown is of answers 4 and 5).
    agreeing_is_safe: bool = True


STATEMENTS = (
    Question(
        "speak_up", _l("In my team I can raise a problem or a worry without fear."), AGREE_SCALE
    ),
    Question("respect", _l("In my team people treat each other with respect."), AGREE_SCALE),
    Question(
        "mistakes",
        _l("If I make a mistake in my team, it is held against me."),
        AGREE_SCALE,
        agreeing_is_safe=False,
    ),
    Question(
        "where_to_go",
        _l("I know where to go if I meet unwanted behaviour at work."),
        AGREE_SCALE,
    ),
)
ONLINE = Question(
    "online",
    _l("Since last month, did you meet online harassment or threats because of your work?"),
    (YES, NO),
)
QUESTIONS = (*STATEMENTS, ONLINE)
BY_KEY = {q.key: q for q in QUESTIONS}


def scale_labels() -> dict[int, str]:
    return {
        1: _l("Strongly disagree"),
        2: _l("Disagree"),
        3: _l("Neither"),
        4: _l("Agree"),
        5: _l("Strongly agree"),
    }
