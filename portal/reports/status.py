"""A report's status and outcome, and the questions the portal asks of them.

Python and templates ask the same questions (`report.status.is_open`), so the lists of which
statuses count as open are written once, here.
"""

from enum import StrEnum


class Status(StrEnum):
    RECEIVED = "received"
    # An oral report: the adviser wrote it down from a conversation and the reporter has not
    # yet confirmed the write-up (contact was made; only the integrity clock runs).
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    REFERRED = "referred"  # concluded with a referral outside
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"  # by the reporter

    @property
    def is_open(self) -> bool:
        """An adviser is still working on it: deadlines run and the adviser can reply."""
        return self in OPEN

    @property
    def may_acknowledge(self) -> bool:
        """The acknowledgement of receipt may be sent (if it was not yet: acknowledged_on).

        An oral report awaiting the reporter's confirmation may be acknowledged too: the
        integrity clock runs from its receipt, not from the confirmation."""
        return self in (Status.RECEIVED, Status.AWAITING_CONFIRMATION)

    @property
    def may_start(self) -> bool:
        """The adviser can mark it as being worked on."""
        return self in (Status.RECEIVED, Status.ACKNOWLEDGED)

    @property
    def may_reopen(self) -> bool:
        """The adviser concluded it and can take it up again."""
        return self in (Status.CLOSED, Status.REFERRED)

    @property
    def reporter_may_act(self) -> bool:
        """The reporter can still write, give consent and withdraw (also after a referral)."""
        return self not in (Status.CLOSED, Status.WITHDRAWN)

    @property
    def is_finished(self) -> bool:
        """Nothing more happens to it; the retention period runs from its closing day."""
        return self in FINISHED


OPEN = (
    Status.RECEIVED,
    Status.AWAITING_CONFIRMATION,
    Status.ACKNOWLEDGED,
    Status.IN_PROGRESS,
)
FINISHED = (Status.CLOSED, Status.REFERRED, Status.WITHDRAWN)


class Outcome(StrEnum):
    NO_ACTION = "no_action"
    ADVICE_GIVEN = "advice_given"
    CONVERSATION = "conversation"
    MEDIATION = "mediation"
    COMPLAINT = "complaint"
    FORMAL_REPORT = "formal_report"
    REFERRAL_WHISTLEBLOWERS = "referral_whistleblowers"
    REFERRAL_POLICE = "referral_police"
    REFERRAL_LABOUR = "referral_labour"
    REFERRAL_HUMAN_RIGHTS = "referral_human_rights"
    REFERRAL_LEGAL_AID = "referral_legal_aid"

    @property
    def is_referral(self) -> bool:
        """The report goes outside the organisation; its status becomes referred."""
        return self.value.startswith("referral_")

    @property
    def status(self) -> Status:
        """The status a report takes when concluded with this outcome."""
        return Status.REFERRED if self.is_referral else Status.CLOSED
