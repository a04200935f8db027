"""The aftercare protocol as data: the seven steps, who does them, the check-ins and the clocks.

Seed 000 gives the steps and their order; Dutch employer practice (DOMAIN.md) gives the
check-in rhythm (72 hours, about 2 weeks, 6 to 8 weeks) and the legal clocks.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from portal.platform.i18n import lazy_gettext as _l
from portal.reports.deadlines import add_months

EVIDENCE, TALK, AFTERCARE, PLATFORM, PROFESSIONAL, POLICE, LEGAL = range(1, 8)
PLATFORM_COMPLAINT_MONTHS = 6  # a complaint against the platform's decision (Digital Services Act)
POLICE_COMPLAINT_MONTHS = 3  # a complaint offence: 3 months from the day the victim learned of it
HELP_DAYS = 7  # "professional help needed" at a check-in: HR arranges it within a week

OWNERS = {
    "employee": _l("The employee"),
    "lead": _l("The team lead"),
    "hr": _l("HR"),
    "organisation": _l("The organisation"),
}
# The same, inside a sentence ("Whose task: the team lead"): no capital after the colon.
OWNERS_IN_TEXT = {
    "employee": _l("the employee"),
    "lead": _l("the team lead"),
    "hr": _l("HR"),
    "organisation": _l("the organisation"),
}
STATUSES = {
    "todo": _l("To do"),
    "doing": _l("In progress"),
    "done": _l("Done"),
    "skipped": _l("Not needed"),
}
FINISHED = ("done", "skipped")


@dataclass(frozen=True)
class Step:
    number: int
    title: object
    what: object
    owner: str  # who does it unless the case says otherwise
    due_days: int | None  # days after opening; None: no due date of its own
    for_employee: object = None  # the same, said to the employee on their own case


STEPS = [
    Step(
        EVIDENCE,
        _l("Capture the evidence together"),
        _l(
            "With the employee, take a screenshot of the post and write down who posted it, on "
            "which channel, whose account it is and who else is involved."
        ),
        "lead",
        0,
        for_employee=_l(
            "Together with your team lead, take a screenshot of the post and write down who "
            "posted it, on which channel, whose account it is and who else is involved."
        ),
    ),
    Step(
        TALK,
        _l("Talk it through"),
        _l("Discuss what happened with the employee and give room to their feelings."),
        "lead",
        1,
        for_employee=_l(
            "Your team lead talks with you about what happened. There is room for how you feel."
        ),
    ),
    Step(
        AFTERCARE,
        _l("Start aftercare"),
        _l("Start aftercare for the employee straight away."),
        "lead",
        1,
        for_employee=_l("Aftercare starts straight away: you do not have to deal with this alone."),
    ),
    Step(
        PLATFORM,
        _l("Report it to the platform"),
        _l(
            "Report the post to the platform together with the employee. Often little happens, "
            "so do not expect this to solve the problem."
        ),
        "lead",
        2,
        for_employee=_l(
            "Your team lead reports the post to the platform together with you. Often little "
            "happens, so this alone may not solve it."
        ),
    ),
    Step(
        PROFESSIONAL,
        _l("Professional help"),
        _l(
            "Keep an eye on the employee in the period after the incident, ask regularly how they "
            "are doing and bring in professional help when needed."
        ),
        "hr",
        None,
        for_employee=_l(
            "In the weeks after the incident you are asked regularly how you are doing. Do you "
            "need professional help? Say so: HR arranges it."
        ),
    ),
    Step(
        POLICE,
        _l("Police report by the organisation"),
        _l("The organisation files the police report, not the employee."),
        "organisation",
        None,
        for_employee=_l(
            "The organisation files the police report, not you. You are a witness, and the "
            "organisation's address is used instead of your home address."
        ),
    ),
    Step(
        LEGAL,
        _l("Legal help"),
        _l("Does the platform not remove the post? Then bring in legal help."),
        "hr",
        None,
        for_employee=_l(
            "Does the platform not remove the post? Then the organisation brings in legal help."
        ),
    ),
]
STEP_BY_NUMBER = {step.number: step for step in STEPS}

PLATFORMS = {
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X (Twitter)",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "google": _l("Google reviews"),
    "website": _l("A website or forum"),
    "other": _l("Other"),
}

CHECKIN_KINDS = {
    "first": _l("First conversation (within 72 hours)"),
    "two_weeks": _l("Follow-up after about 2 weeks"),
    "six_weeks": _l("Follow-up after 6 to 8 weeks"),
}

OUTCOMES = {
    "removed": _l("The post was removed"),
    "recovered": _l("The employee is doing well again"),
    "referred": _l("Continued with professional or legal help"),
    "declined": _l("The employee did not want to go on"),
    "other": _l("Other"),
}


@dataclass(frozen=True)
class CheckInPlan:
    kind: str
    due_on: date
    latest_on: date


def checkin_plan(opened_on: date, config: dict) -> list[CheckInPlan]:
    """Return the check-ins of a case opened on this day, from the configured rhythm."""
    first = opened_on + timedelta(days=max(1, config["AFTERCARE_FIRST_CHECKIN_HOURS"] // 24))
    second = opened_on + timedelta(days=config["AFTERCARE_SECOND_CHECKIN_DAYS"])
    last = opened_on + timedelta(days=config["AFTERCARE_LAST_CHECKIN_DAYS"])
    latest = opened_on + timedelta(
        days=max(
            config["AFTERCARE_LAST_CHECKIN_DAYS"], config["AFTERCARE_LAST_CHECKIN_LATEST_DAYS"]
        )
    )
    return [
        CheckInPlan("first", first, first),
        CheckInPlan("two_weeks", second, second),
        CheckInPlan("six_weeks", last, latest),
    ]


def step_due(step: Step, opened_on: date) -> date | None:
    """Return a step's default due date for a case opened on this day."""
    return opened_on + timedelta(days=step.due_days) if step.due_days is not None else None


def platform_complaint_until(decided_on: date) -> date:
    """Return the last day to complain about a platform's decision (at least 6 months)."""
    return add_months(decided_on, PLATFORM_COMPLAINT_MONTHS)


def police_complaint_until(learned_on: date) -> date:
    """Return the last day on which a complaint offence may still be filed, itself included.

    Art. 66 Sr: within three months after the day the victim learned of it. The count starts the
    day after, so the period ends on the same date three months on, and that day still counts
    (learned on 20 November: "uiterlijk" 20 February). Add_months keeps the day, or takes the
    month's last day when it has no such day (learned on 30 November: 28 or 29 February).
    """
    return add_months(learned_on, POLICE_COMPLAINT_MONTHS)
