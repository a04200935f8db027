"""Demo pulse: three closed months of Zorgteam Noord's and the facilities team's answers, as
tallies (the demo's people are too few to answer for real), one month under the threshold."""

from datetime import date

from portal.core.accounts.models import Team
from portal.platform.database import db
from portal.pulse.models import PulseAnswered, PulseTally
from portal.pulse.questions import ONLINE, STATEMENTS
from portal.pulse.results import closed_months

# Per team, per closed month (oldest first): for each statement the answers 1..5 given, and
# how many met online harassment. Each month's answers add up to the number who answered.
DEMO = {
    "Zorgteam Noord": [
        {
            "speak_up": (0, 1, 2, 3, 1),
            "respect": (0, 1, 1, 4, 1),
            "mistakes": (1, 3, 2, 1, 0),
            "where_to_go": (0, 2, 2, 2, 1),
            "online": 2,
        },
        {
            "speak_up": (0, 1, 1, 4, 2),
            "respect": (0, 0, 2, 4, 2),
            "mistakes": (2, 3, 2, 1, 0),
            "where_to_go": (0, 1, 1, 4, 2),
            "online": 1,
        },
        {
            "speak_up": (0, 0, 1, 5, 2),
            "respect": (0, 0, 1, 5, 2),
            "mistakes": (3, 3, 1, 1, 0),
            "where_to_go": (0, 0, 1, 4, 3),
            "online": 0,
        },
    ],
    "Facilitaire dienst": [
        None,
        {
            "speak_up": (0, 1, 1, 1, 1),
            "respect": (0, 0, 2, 1, 1),
            "mistakes": (1, 1, 1, 1, 0),
            "where_to_go": (0, 1, 1, 1, 1),
            "online": 0,
        },  # four answered: not shown
        {
            "speak_up": (0, 1, 2, 2, 1),
            "respect": (0, 1, 1, 3, 1),
            "mistakes": (1, 2, 2, 1, 0),
            "where_to_go": (1, 1, 2, 1, 1),
            "online": 1,
        },
    ],
}


def seed(today: date) -> None:
    months = closed_months(today, 3)
    with db.atomic():
        for team in Team.select().where(Team.name.in_(list(DEMO))):
            for month, answers in zip(months, DEMO[team.name], strict=True):
                if answers is None:
                    continue
                answered = sum(answers[STATEMENTS[0].key])
                PulseAnswered.create(month=month, team=team, count=answered)
                for question in STATEMENTS:
                    for value, count in enumerate(answers[question.key], start=1):
                        if count:
                            PulseTally.create(
                                month=month,
                                team=team,
                                question=question.key,
                                answer=value,
                                count=count,
                            )
                yes = answers[ONLINE.key]
                for value, count in ((1, yes), (0, answered - yes)):
                    if count:
                        PulseTally.create(
                            month=month, team=team, question=ONLINE.key, answer=value, count=count
                        )
