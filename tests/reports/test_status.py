"""A report's status and outcome answer the portal's questions in one place."""

from portal.reports.kinds import OUTCOME_LABELS, STATUS_LABELS
from portal.reports.models import Report
from portal.reports.status import FINISHED, OPEN, Outcome, Status


def test_open_and_finished_split_the_statuses():
    assert set(OPEN) | set(FINISHED) == set(Status)
    assert not set(OPEN) & set(FINISHED)
    assert [s for s in Status if s.is_open] == list(OPEN)
    assert [s for s in Status if s.is_finished] == [
        Status.REFERRED,
        Status.CLOSED,
        Status.WITHDRAWN,
    ]


def test_what_each_status_allows():
    # An oral report waiting for the reporter's confirmation runs the integrity clock (#22).
    assert [s for s in Status if s.may_acknowledge] == [
        Status.RECEIVED,
        Status.AWAITING_CONFIRMATION,
    ]
    assert [s for s in Status if s.may_start] == [Status.RECEIVED, Status.ACKNOWLEDGED]
    assert [s for s in Status if s.may_reopen] == [Status.REFERRED, Status.CLOSED]
    # After a referral the reporter can still write; closing or withdrawing ends that.
    assert [s for s in Status if not s.reporter_may_act] == [Status.CLOSED, Status.WITHDRAWN]


def test_an_outcome_names_the_status_it_leads_to():
    assert Outcome.REFERRAL_POLICE.is_referral and Outcome.REFERRAL_POLICE.status is Status.REFERRED
    assert not Outcome.MEDIATION.is_referral and Outcome.MEDIATION.status is Status.CLOSED


def test_every_status_and_outcome_has_a_label():
    assert set(STATUS_LABELS) == set(Status)
    assert set(OUTCOME_LABELS) == set(Outcome)


def test_a_report_in_memory_answers_as_one_read_from_the_table():
    report = Report(status="acknowledged", outcome=None)
    assert report.status is Status.ACKNOWLEDGED and report.status.is_open
    report.outcome = "referral_police"
    assert report.outcome is Outcome.REFERRAL_POLICE
