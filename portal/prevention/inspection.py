"""The proof for the inspection (#24 item 5): what the risk inventory (RI&E) and an inspector ask
under Arbobesluit art. 2.15 (assess the risks, lay down measures in the plan of action, inform
and instruct the staff), gathered from what the portal already holds:

- the measures and their status (the plan of action);
- the information given to staff: the policy "who does what" and the conduct agreements as
  published (every version with its date), the announcements to all staff and how many opened
  them, the posters and flyer the conduct agreements print as;
- the team meetings' coverage of the monthly prompt;
- the pulse's trends: only months that have closed, only where enough answered (the pulse's own
  rules, portal/pulse/results.py);
- the year's figures from the PUBLISHED yearly report only, under its suppression: never a live
  tally.
"""

import json
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from portal.aftercare import announcements as announcement_tallies
from portal.aftercare import pages
from portal.aftercare.models import PolicyVersion
from portal.aftercare.posters import FORMATS
from portal.core.accounts.models import Team
from portal.insights.models import YearlyReport
from portal.prevention import measures
from portal.prompts import meetings
from portal.pulse import results
from portal.pulse.questions import STATEMENTS


@dataclass
class Inspection:
    year: int
    made_on: date
    measures: list[measures.Row]
    texts: dict[str, list[PolicyVersion]]  # page -> its versions, newest first
    announcements: list[dict]
    poster_formats: list[str]
    coverage: meetings.Coverage
    pulse: results.Overview
    report: YearlyReport | None
    snap: dict | None
    team_months: list[tuple[str, list[tuple[date, int]]]]  # per team its months shown
    pulse_minimum: int
    statements: list


def announcements() -> list[dict]:
    """The announcements of the policy or conduct agreements to all staff, newest first, each
    with how many opened it (a count, no names): {"page", "title", "sent_on", "opened"}."""
    titles = {"policy": _("Our policy: who does what"), "conduct": _("Conduct agreements")}
    found = [tally for page in pages.PAGES for tally in announcement_tallies.tallies(page)]
    found.sort(key=lambda tally: tally.announcement.announced_on, reverse=True)
    return [
        {
            "page": tally.announcement.page,
            "title": titles[tally.announcement.page],
            "sent_on": tally.announcement.announced_on,
            "opened": tally.opened,
        }
        for tally in found
    ]


def latest_published() -> tuple[YearlyReport | None, dict | None]:
    """The newest published version of the newest year, with its frozen, suppressed figures."""
    report = (
        YearlyReport.select()
        .order_by(YearlyReport.year.desc(), YearlyReport.version.desc())
        .first()
    )
    return (report, json.loads(report.figures)) if report else (None, None)


def gather(today: date) -> Inspection:
    report, snap = latest_published()
    teams = list(Team.select().order_by(Team.name))
    pulse = results.overview(teams, today, organisation=True)
    team_months = [
        (
            team.name,
            [
                (month, pulse.figures[(month, team.id)].answered)
                for month in pulse.months
                if pulse.figures[(month, team.id)].shown
            ],
        )
        for team in teams
    ]
    return Inspection(
        year=today.year,
        made_on=today,
        measures=measures.register(),
        texts={page: pages.history(page) for page in pages.PAGES},
        announcements=announcements(),
        poster_formats=list(FORMATS.values()),
        coverage=meetings.coverage(today.year, today),
        pulse=pulse,
        report=report,
        snap=snap,
        team_months=team_months,
        pulse_minimum=results.minimum(),
        statements=list(STATEMENTS),
    )
