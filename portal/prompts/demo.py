"""Demo team meetings: a few months of discussed prompts for the demo teams."""

from datetime import date

from portal.core.accounts.models import Team
from portal.platform.database import db
from portal.prompts.models import TeamDiscussion
from portal.prompts.schedule import add_months, month_of, team_prompt

# Months ago, people present, action points; a month left out was skipped.
MEETINGS = {
    "Zorgteam Noord": [
        (
            1,
            9,
            "Bij de overdracht vragen we elkaar hoe het gaat.\nNieuwe collega's krijgen een maatje.",
        ),
        (2, 11, "Roosterwensen gaan voortaan via de planner én de teamleider."),
        (4, 8, "We bespreken incidenten met cliënten binnen een week na."),
        (5, 10, ""),
    ],
}


def seed(today: date) -> None:
    """Record a few months of team meetings on the prompts of those months (this month open)."""
    with db.atomic():
        for team in Team.select().where(Team.name.in_(list(MEETINGS))):
            for months_ago, present, points in MEETINGS[team.name]:
                month = add_months(month_of(today), -months_ago)
                TeamDiscussion.create(
                    team=team,
                    month=month,
                    prompt=team_prompt(team, month).prompt_id,
                    held_on=month.replace(day=10),
                    present=present,
                    action_points=points,
                    recorded_by=team.lead,
                )
