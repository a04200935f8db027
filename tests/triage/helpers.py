"""Factories for the adviser's workspace tests."""

from datetime import date

from portal.reports import filing


def file_report(
    adviser_ids, category="bullying", mode="anonymous", today=None, text="What happened, in words."
):
    """File a report directly through the domain function; return Filed (report and code)."""
    submission = filing.Submission(
        category=category,
        incidents=[{"description": text}],
        ongoing="yes",
        wishes=[],
        wish_note="",
        mode=mode,
        advisers=list(adviser_ids),
        contact={} if mode == "anonymous" else {"name": "Sanne", "email": "sanne@example.test"},
    )
    return filing.file_report(submission, None, today or date.today())
