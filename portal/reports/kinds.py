"""What can be reported: tracks, categories, modes, wishes, each explained in a sentence."""

from dataclasses import dataclass

# The categories live below reports (adviser profiles name them as topics, and filing reads
# adviser profiles); report code and templates keep reading them through kinds.
from portal.platform.categories import (  # noqa: F401 - re-exported for report code and templates
    CATEGORIES,
    CATEGORY_BY_CODE,
    INTEGRITY,
    ONLINE,
    TRACK_LABELS,
    UNSURE,
    UNWANTED,
    Kind,
)
from portal.platform.i18n import lazy_gettext as _l
from portal.reports.status import Outcome, Status

ANONYMOUS = "anonymous"
CONFIDENTIAL = "confidential"
NAMED = "named"


@dataclass(frozen=True)
class Mode:
    code: str
    label: object
    explanation: object


MODES = [
    Mode(
        ANONYMOUS,
        _l("Anonymous"),
        _l(
            "Nobody learns who you are, not even the adviser. You follow up only with your receipt code, and the adviser cannot contact you otherwise."
        ),
    ),
    Mode(
        CONFIDENTIAL,
        _l("Confidential"),
        _l(
            "The adviser knows who you are and keeps it to themselves. Nobody else learns your name without your consent."
        ),
    ),
    Mode(
        NAMED,
        _l("By name"),
        _l(
            "You report openly. The adviser may mention your name when acting on the report, always after talking it through with you."
        ),
    ),
]
MODE_BY_CODE = {mode.code: mode for mode in MODES}

WISHES = [
    ("be_heard", _l("To be heard")),
    ("advice", _l("Advice on what I can do")),
    ("conversation", _l("Help with a conversation with the person involved")),
    ("complaint", _l("To file a complaint")),
    ("formal_report", _l("A formal report inside the organisation")),
    ("external", _l("Information about reporting outside the organisation")),
]
WISH_LABELS = dict(WISHES)

STATUS_LABELS = {
    Status.RECEIVED: _l("Received"),
    Status.AWAITING_CONFIRMATION: _l("Waiting for the reporter's confirmation"),
    Status.ACKNOWLEDGED: _l("Acknowledged"),
    Status.IN_PROGRESS: _l("In progress"),
    Status.REFERRED: _l("Referred"),
    Status.CLOSED: _l("Closed"),
    Status.WITHDRAWN: _l("Withdrawn"),
}

OUTCOMES = [
    (Outcome.NO_ACTION, _l("No action wanted by the reporter")),
    (Outcome.ADVICE_GIVEN, _l("Advice given")),
    (Outcome.CONVERSATION, _l("Conversation with those involved")),
    (Outcome.MEDIATION, _l("Mediation")),
    (Outcome.COMPLAINT, _l("Complaint to the complaints committee")),
    (Outcome.FORMAL_REPORT, _l("Formal report inside the organisation")),
    (
        Outcome.REFERRAL_WHISTLEBLOWERS,
        _l("Referred to the Whistleblowers Authority (Huis voor Klokkenluiders)"),
    ),
    (Outcome.REFERRAL_POLICE, _l("Referred to the police")),
    (Outcome.REFERRAL_LABOUR, _l("Referred to the Netherlands Labour Authority")),
    (Outcome.REFERRAL_HUMAN_RIGHTS, _l("Referred to the Netherlands Institute for Human Rights")),
    (Outcome.REFERRAL_LEGAL_AID, _l("Referred to legal aid")),
]
OUTCOME_LABELS = dict(OUTCOMES)

# When a crime may be involved: an adviser has no privilege to refuse to testify, but a duty to
# report only for the crimes listed in art. 160 Sv; otherwise breaking confidentiality is a
# weighed decision (conflict of duties) after consulting a colleague (DOMAIN.md). A code is
# kept on the report; the reason, which the reporter reads, is an encrypted message.
BREACHES = [
    ("duty_160", _l("A duty to report: one of the serious crimes listed in art. 160 Sv")),
    (
        "weighed",
        _l(
            "A weighed decision (conflict of duties), after consulting a colleague: I break confidentiality"
        ),
    ),
    ("none", _l("No breach: confidentiality stays")),
]
BREACH_LABELS = dict(BREACHES)


def kind_with_track(kind: Kind):
    """A kind's label with its track, for lists that mix tracks: "Bullying (Unwanted behaviour)"."""
    return _l("%(kind)s (%(track)s)", kind=kind.label, track=TRACK_LABELS[kind.track])


# One incident or a pattern: the adviser's mark after talking with the reporter (a plain
# column, kept in the register entry).
PATTERNS = [("one", _l("One incident")), ("pattern", _l("A pattern (it happened more often)"))]
PATTERN_LABELS = dict(PATTERNS)


def system_text(code: str) -> str:
    """Turn a system message's code into a sentence in the reader's language."""
    from flask_babel import gettext as _

    if code.startswith("outcome:"):
        label = OUTCOME_LABELS.get(code.split(":", 1)[1], "")
        return _("The adviser recorded the outcome: %(outcome)s.", outcome=label)
    if code.startswith("handover:"):
        return str(HANDOVER_TEXTS.get(code, _("The status of your report changed.")))
    if code.startswith("reclassified:"):
        kind = CATEGORY_BY_CODE.get(code.split(":", 1)[1])
        if kind is not None and kind.track == INTEGRITY:
            return _(
                "The adviser classified your report as: %(kind)s. This is an integrity report (suspected wrongdoing): the Whistleblower Protection Act applies. You get a confirmation of receipt within 7 days of the day you reported, and hear what is done within three months of that confirmation.",
                kind=kind.label,
            )
        return _(
            "The adviser classified your report as: %(kind)s.",
            kind=kind.label if kind else "",
        )
    if code.startswith("summary:"):
        change = code.split(":", 1)[1]
        if change == "waiting":
            return _(
                "The adviser wrote a summary to share, as you agreed. Read it below and approve or decline it: nothing is shared before you approve."
            )
        if change == "approved":
            return _("Summary approved: it is now shared.")
        return _("Summary declined: nothing was shared.")
    if code.startswith("consent:"):
        _prefix, change, scope = code.split(":", 2)
        label = consent_scope_label(scope)
        if change == "granted":
            return _("Consent given: %(scope)s.", scope=label)
        if change == "confirmed":
            return _("Consent confirmed for the person's new key: %(scope)s.", scope=label)
        return _(
            "Consent withdrawn: %(scope)s. What was shared under it is no longer visible.",
            scope=label,
        )
    texts = {
        "status:in_progress": _("The adviser is working on your report."),
        "status:reopened": _("The adviser has reopened your report."),
        "adviser_stepped_back": _(
            "An adviser stepped back from your report (for example because of a conflict of interest). You can choose another adviser below."
        ),
        "transferred": _("Your report was passed to the adviser you chose."),
        # A conversation request whose meeting the adviser wrote down (reports/conversation.py).
        "minutes_recorded": _(
            "The adviser wrote down your conversation as a report. Please read it under “What you reported” and confirm it, or write what should change."
        ),
        # Recorded before the three cases existed: says no more than that a limit was recorded.
        "crime_exception": _(
            "The adviser has recorded a limit to the confidentiality of your report. The reason is in the next message."
        ),
        "confidentiality:duty_160": _(
            "The adviser has recorded that what you reported is one of the serious crimes listed in art. 160 of the Code of Criminal Procedure. For these crimes the law obliges anyone who knows of them to report them to the police, so the adviser will do so. The reason is in the next message."
        ),
        "confidentiality:weighed": _(
            "The adviser will break confidentiality. The law does not oblige them to, but after weighing it up and consulting a colleague, they judge that there is no other way to prevent serious harm. The reason is in the next message."
        ),
        "confidentiality:none": _(
            "The adviser has recorded that confidentiality stays: they will not report what you told them or pass it on. One limit remains: an adviser cannot refuse to testify if a judge calls them as a witness."
        ),
    }
    return texts.get(code, _("The status of your report changed."))


def consent_scope_label(scope: str) -> str:
    from flask_babel import gettext as _

    return {
        "share_hr": _("share a summary with an HR person"),
        "share_lead": _("share a summary with a team lead"),
        "reveal_name": _("reveal my name to them"),
    }.get(scope, scope)


def translated_labels() -> dict[str, dict[str, str]]:
    """Category and status labels translated once, for lists that show many rows."""
    return {
        "category": {kind.code: str(kind.label) for kind in CATEGORIES},
        "status": {code: str(label) for code, label in STATUS_LABELS.items()},
        # Each a format string for the day (see deadlines.next_deadline).
        "deadline": {code: str(text) for code, text in DEADLINE_TEXTS.items()},
    }


DEADLINE_TEXTS = {
    "acknowledge": _l("acknowledge by %(day)s"),
    "first_contact": _l("first contact by %(day)s"),
    "answer": _l("answer by %(day)s"),  # a conversation request (reports/conversation.py)
    "feedback": _l("feedback by %(day)s"),
}


REOPENED = _l("reopened")
ACCESS_ACTIONS = {
    "opened": _l("opened the report"),
    "downloaded": _l("downloaded a file"),
    "replied": _l("replied"),
    "note": _l("wrote a note"),
    "status": _l("changed the status"),
    "registered": _l("registered an oral report"),
    "confirmed": _l("the reporter confirmed the write-up"),
    "consent": _l("the reporter changed a consent"),
    "shared": _l("shared a summary"),
    "summary_written": _l("wrote a summary for the reporter to approve"),
    "summary_declined": _l("the reporter declined a summary"),
    "reclassified": _l("changed the kind of report"),
    "pattern": _l("marked one incident or a pattern"),
    "stepped_back": _l("stepped back"),
    "transferred": _l("received the report by transfer"),
    "crime_exception": _l("recorded a limit to confidentiality"),
    "deleted": _l("deleted under the retention policy"),
    "handover": _l("a colleague on the report"),
}
HANDOVER_ACTIONS = {
    "asked:hand_over": _l("asked the reporter to hand it over to a colleague"),
    "asked:add": _l("asked the reporter to add a colleague"),
    "agreed:hand_over": _l("received it: the reporter agreed to the hand-over"),
    "agreed:add": _l("received it: the reporter agreed to add this colleague"),
    "agreed:stand_in": _l("received it as stand-in: the reporter agreed"),
    "declined:hand_over": _l("the reporter declined the hand-over"),
    "declined:add": _l("the reporter declined to add a colleague"),
    "declined:stand_in": _l("the reporter chose to wait for their own adviser"),
    "withdrawn:hand_over": _l("took back the question to hand it over"),
    "withdrawn:add": _l("took back the question to add a colleague"),
    "ended:stand_in": _l("stood in until the adviser was back: no longer has access"),
}
# The system messages the reporter reads in the conversation (reports/handover.py, standin.py).
HANDOVER_TEXTS = {
    "handover:asked:hand_over": _l(
        'Your adviser asks whether a colleague may take your report over. Nothing changes until you agree: see "Who answers you".'
    ),
    "handover:asked:add": _l(
        'Your adviser asks whether a colleague may join them on your report. Nothing changes until you agree: see "Who answers you".'
    ),
    "handover:agreed:hand_over": _l("You agreed: your report was handed over to a colleague."),
    "handover:agreed:add": _l("You agreed: a colleague joined your adviser on your report."),
    "handover:agreed:stand_in": _l(
        "You agreed: the stand-in may read your report and answer you while your adviser is away."
    ),
    "handover:declined:hand_over": _l("You declined: your report stays with your adviser."),
    "handover:declined:add": _l("You declined: no colleague was added."),
    "handover:withdrawn:hand_over": _l(
        "Your adviser took back the question to hand your report over. It stays with them."
    ),
    "handover:withdrawn:add": _l(
        "Your adviser took back the question to add a colleague. Nothing changes."
    ),
}


def access_action_text(action: str, detail: str) -> str:
    """Say in words what an access-log entry records (details are codes, never content)."""
    label = str(ACCESS_ACTIONS.get(action, action))
    if action == "status" and detail in STATUS_LABELS:
        return f"{label}: {STATUS_LABELS[detail]}"
    if action == "reclassified" and detail in CATEGORY_BY_CODE:
        return f"{label}: {CATEGORY_BY_CODE[detail].label}"
    if action == "pattern" and detail in PATTERN_LABELS:
        return f"{label}: {PATTERN_LABELS[detail]}"
    if action == "crime_exception" and detail in BREACH_LABELS:
        return f"{label}: {BREACH_LABELS[detail]}"
    if action == "handover" and detail in HANDOVER_ACTIONS:
        return str(HANDOVER_ACTIONS[detail])
    if action == "status" and detail == "reopened":
        return f"{label}: {REOPENED}"
    return label


# Who the behaviour came from: the reporter may say, the adviser may set it; the yearly report
# counts it (a plain column, like the category).
SOURCES = [
    ("colleague", _l("A colleague")),
    ("manager", _l("A manager")),
    ("outsider", _l("A client or outsider")),
    ("other", _l("Someone else")),
]
SOURCE_LABELS = dict(SOURCES)


CHANGE_FIELDS = {
    "category": _l("Kind"),
    "track": _l("Track"),
    "incident_pattern": _l("One incident or a pattern"),
}


def change_field(field: str) -> str:
    """Name a field the adviser corrected (reports/changes.py)."""
    return str(CHANGE_FIELDS.get(field, field))


def change_value(field: str, value: str | None) -> str:
    """Say an old or new value of a corrected field in words ("–" for none)."""
    if not value:
        return "–"
    if field == "category" and value in CATEGORY_BY_CODE:
        return str(CATEGORY_BY_CODE[value].label)
    if field == "track" and value in TRACK_LABELS:
        return str(TRACK_LABELS[value])
    if field == "incident_pattern" and value in PATTERN_LABELS:
        return str(PATTERN_LABELS[value])
    return value
