"""Demo conversation requests: one waiting for its answer, one answered in the thread.

Filed with `conversation.ask`, so each is encrypted and sealed exactly as a real request is.
"""

from datetime import date, timedelta

from portal.core.accounts import keyring
from portal.core.accounts.models import Person
from portal.reports import conversation, kinds, opening

ADVISER = "vertrouwenspersoon@demo.test"
ASKER = "medewerker@demo.test"


def seed(people: dict[str, Person], password: str, today: date) -> None:
    """Ask the first demo adviser for two conversations: one anonymous and waiting, one by
    name (on the employee's My reports) that the adviser answered."""
    adviser = people[ADVISER]
    keys = {e: keyring.open_or_create(people[e], password) for e in (ADVISER, ASKER)}
    waiting = conversation.ConversationRequest(
        adviser=adviser.id,
        what="conversation",
        topic="integrity",
        message="Ik zie op mijn afdeling dingen met declaraties die niet kloppen. Ik wil daar eerst rustig met iemand over praten voordat ik iets meld.",
        mode=kinds.ANONYMOUS,
        in_person=True,
        times=["morning", "elsewhere"],
        when="Liever niet op maandag. Dinsdag of donderdag voor 11 uur gaat goed.",
    )
    conversation.ask(waiting, None, today - timedelta(days=1), 3)
    answered_on = today - timedelta(days=4)
    answered = conversation.ConversationRequest(
        adviser=adviser.id,
        what="question",
        topic="unwanted",
        message="Mag ik ook naar jou toe als het gedrag van een klant komt en niet van een collega?",
        mode=kinds.CONFIDENTIAL,
        contact_name=people[ASKER].display_name,
        contact_email=people[ASKER].email,
    )
    filed = conversation.ask(answered, keys[ASKER], today - timedelta(days=5), 3)
    opened = opening.open_with_private_key(filed.report, adviser, keys[ADVISER], "adviser")
    opening.record_event(filed.report, adviser, "opened")
    opening.post_message(
        opened,
        "adviser",
        "Ja, dat mag zeker. Ook ongewenst gedrag van klanten of bezoekers hoort bij mijn werk. Wil je er eens over praten? Dan spreken we af op een plek waar je vrij kunt praten.",
        answered_on,
        adviser=adviser,
    )
