"""What can be reported: the tracks and their categories, each explained in a sentence.

Below reports and advisers alike: the report form offers these categories, and an adviser's
profile names them as the topics the adviser knows about.
"""

from dataclasses import dataclass

from portal.platform.i18n import lazy_gettext as _l

UNWANTED = "unwanted"
INTEGRITY = "integrity"
ONLINE = "online"
UNSURE = "unsure"


@dataclass(frozen=True)
class Kind:
    code: str
    track: str
    label: object
    explanation: object


CATEGORIES = [
    Kind(
        "intimidation",
        UNWANTED,
        _l("Intimidation"),
        _l("Someone frightens, threatens or pressures you, by words, looks or behaviour."),
    ),
    Kind(
        "bullying",
        UNWANTED,
        _l("Bullying"),
        _l(
            "Intimidating behaviour that keeps coming back: being ignored, mocked, left out or undermined."
        ),
    ),
    Kind(
        "aggression",
        UNWANTED,
        _l("Aggression and violence"),
        _l("A psychological or physical attack: shouting, threats, pushing, hitting."),
    ),
    Kind(
        "discrimination",
        UNWANTED,
        _l("Discrimination"),
        _l(
            "Being treated differently or left out because of, for example, gender, origin, age, contract, sexuality or belief."
        ),
    ),
    Kind(
        "sexual_harassment",
        UNWANTED,
        _l("Sexual harassment"),
        _l("Unwanted sexual remarks, jokes, questions, looks or touching."),
    ),
    Kind(
        "misstand",
        INTEGRITY,
        _l("Wrongdoing that endangers society"),
        _l(
            "Something that harms the public interest, such as danger to health, safety or the environment."
        ),
    ),
    Kind(
        "eu_law",
        INTEGRITY,
        _l("Breach of EU law"),
        _l("For example breaking the rules for public procurement, privacy or product safety."),
    ),
    Kind(
        "violation",
        INTEGRITY,
        _l("Violation"),
        _l("Fraud, theft, or using the organisation's money or property for oneself."),
    ),
    Kind(
        "irregularity",
        INTEGRITY,
        _l("Irregularity"),
        _l("Accepting gifts, side jobs that clash with the work, or conflicts of interest."),
    ),
    Kind(
        "online_harassment",
        ONLINE,
        _l("Online harassment"),
        _l(
            "Hateful posts, threats, fake messages or videos about you as a staff member on the internet."
        ),
    ),
    Kind(
        "unsure",
        UNSURE,
        _l("Not sure"),
        _l("You are not sure what it is. That is fine: an adviser will help you find out."),
    ),
]
CATEGORY_BY_CODE = {kind.code: kind for kind in CATEGORIES}

TRACK_LABELS = {
    UNWANTED: _l("Unwanted behaviour"),
    INTEGRITY: _l("Integrity violation"),
    ONLINE: _l("Online harassment"),
    UNSURE: _l("Not sure yet"),
}
