"""Demo data for report together: the matching secret with every demo adviser, and one held
report without a match (Sanne's, about her team lead), so that both sides show something.

In the demo the secret is given without the in-person check of the check code: the demo
advisers' keys are made here, by the same seed, so there is nothing to check them against."""

from datetime import date, timedelta

from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing, Person
from portal.together import holding, matching

HOLDER = "vertrouwenspersoon@demo.test"
ALSO_HOLDING = ("vertrouwenspersoon2@demo.test", "extern@demo.test")
WRITER, NAMED = "medewerker@demo.test", "leidinggevende@demo.test"


def seed(created: dict[str, Person], password: str, today: date) -> None:
    holder = created[HOLDER]
    key = keyring.unlock(KeyRing.get(KeyRing.person == holder), password)
    matching.set_up(holder, key, today - timedelta(days=60))
    for email in ALSO_HOLDING:
        adviser = created[email]
        code = keyring.check_code_of(adviser.id)
        matching.give(holder, key, adviser.id, code, today - timedelta(days=60))
    writer = created[WRITER]
    writer_key = keyring.open_or_create(writer, password)
    holding.hold(
        writer,
        writer_key,
        holding.Holding(
            about=created[NAMED].id,
            category="intimidation",
            what=(
                "In het teamoverleg praat hij me steeds hard over de mond en daarna zegt hij dat "
                "ik niet zo gevoelig moet zijn. Collega's lachen mee. Ik durf het niet alleen te "
                "melden."
            ),
            adviser=created["extern@demo.test"].id,
            contact={"name": writer.display_name, "email": writer.email, "phone": ""},
        ),
        today - timedelta(days=24),
    )
