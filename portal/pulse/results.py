"""The pulse's results: only for months that have closed (live results would tell the next
answer away: a team lead who sees a share move after one person answered knows that person's
answer), and only for a team where at least PULSE_MIN_ANSWERS members answered that month.
A closed month takes no more answers, so its results never change: they are frozen by
construction, whenever they are read.

HR sees every team and the organisation. Showing the organisation's figures beside the teams
would give a hidden team away (the organisation minus the teams shown), so the teams are
suppressed complementarily: while what is hidden adds up to fewer than the threshold (but
more than none), the smallest team still shown is hidden too. Nothing is ever shown per person.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app

from portal.core.accounts.models import Team
from portal.pulse.models import PulseAnswered, PulseTally
from portal.pulse.questions import ONLINE, STATEMENTS, YES

MIN_ANSWERS_FLOOR = 5  # the setting may raise the threshold, never lower it
MONTHS_SHOWN = 6


def minimum() -> int:
    return max(MIN_ANSWERS_FLOOR, current_app.config.get("PULSE_MIN_ANSWERS", MIN_ANSWERS_FLOOR))


def closed_months(today: date, count: int = MONTHS_SHOWN) -> list[date]:
    """The last `count` months that have ended, oldest first."""
    months, month = [], today.replace(day=1)
    for _ in range(count):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return months[::-1]


@dataclass
class Figures:
    """One team's (or the organisation's) month: how many answered and, when shown, per
    statement the share of answers that point to a safe team, and how many met online harm."""

    answered: int
    shown: bool = False
    # When not shown: "few" (under the threshold) or "beside" (hidden so that the teams
    # beside it and the organisation do not give a small team away).
    hidden_because: str = "few"
    safe_share: dict[str, int] = field(default_factory=dict)  # percent, per statement
    online_yes: int | None = None


def _figures(answered: int, tallies: dict[tuple[str, int], int]) -> Figures:
    figures = Figures(answered=answered, shown=True)
    for question in STATEMENTS:
        safe_answers = (4, 5) if question.agreeing_is_safe else (1, 2)
        safe = sum(tallies.get((question.key, a), 0) for a in safe_answers)
        figures.safe_share[question.key] = round(100 * safe / answered) if answered else 0
    figures.online_yes = tallies.get((ONLINE.key, YES), 0)
    return figures


def _read(months: list[date], team_ids: list[int] | None):
    answered = PulseAnswered.select().where(PulseAnswered.month.in_(months))
    tallies = PulseTally.select().where(PulseTally.month.in_(months))
    if team_ids is not None:
        answered = answered.where(PulseAnswered.team.in_(team_ids))
        tallies = tallies.where(PulseTally.team.in_(team_ids))
    counts = {(row.month, row.team_id): row.count for row in answered}
    kept: dict[tuple, dict] = defaultdict(dict)
    for row in tallies:
        kept[(row.month, row.team_id)][(row.question, row.answer)] = row.count
    return counts, kept


def suppress(counts: dict[int, int], threshold: int) -> set[int]:
    """The teams whose figures may be shown beside the organisation's total: each at least
    the threshold, and what stays hidden either nothing or at least the threshold."""
    shown = {team for team, count in counts.items() if count >= threshold}
    while True:
        hidden = sum(count for team, count in counts.items() if team not in shown)
        if hidden == 0 or hidden >= threshold or not shown:
            return shown
        shown.remove(min(shown, key=lambda team: (counts[team], team)))


@dataclass
class Overview:
    months: list[date]
    teams: list[Team]
    # (month, team id or None for the organisation) -> Figures
    figures: dict[tuple[date, int | None], Figures]


def overview(teams: list[Team], today: date, organisation: bool) -> Overview:
    """The closed months' figures of these teams (and the organisation's, for HR)."""
    months = closed_months(today)
    threshold = minimum()
    counts, kept = _read(months, None if organisation else [t.id for t in teams])
    figures: dict[tuple[date, int | None], Figures] = {}
    for month in months:
        month_counts = {t.id: counts.get((month, t.id), 0) for t in teams}
        if organisation:
            month_counts = {
                team: count for (m, team), count in counts.items() if m == month
            } | month_counts
            shown = suppress(month_counts, threshold)
        else:
            shown = {team for team, count in month_counts.items() if count >= threshold}
        for team in teams:
            answered = month_counts.get(team.id, 0)
            if team.id in shown:
                figures[(month, team.id)] = _figures(answered, kept[(month, team.id)])
            else:
                figures[(month, team.id)] = Figures(
                    answered=0, hidden_because="few" if answered < threshold else "beside"
                )
        if organisation:
            total = sum(month_counts.values())
            merged: dict[tuple[str, int], int] = defaultdict(int)
            for (m, _team), tallies in kept.items():
                if m == month:
                    for key, count in tallies.items():
                        merged[key] += count
            figures[(month, None)] = (
                _figures(total, merged) if total >= threshold else Figures(answered=0)
            )
    return Overview(months=months, teams=teams, figures=figures)
