"""A counter that rises with every change to what the portal publishes for everyone.

The guide, the discussion prompts and the adviser directory are the same for every visitor who
reads them in one language, so each worker keeps them once (portal/platform/published.py). Database
triggers raise this counter on every write to the tables they are built from, whichever code
path or process writes, and a worker that sees a new value builds them again.
"""

# ruff: noqa: S608 - the SQL below is assembled from constants in this file, never from input

from peewee import IntegerField, Model, PostgresqlDatabase

# Each table behind published content, and the columns whose change matters (None: any).
# A person's sign-in, password or locale changes nothing anyone else sees; their name and
# whether they are active do. Key pairs matter only by existing (an adviser can receive).
WATCHED = {
    "guide_entry": None,
    "guide_version": None,
    "prompt": None,
    "prompt_version": None,
    "month_prompt": None,
    "adviser_profile": None,
    "person_role": None,
    "person": ("display_name", "active"),
    "key_ring": (),
}
RAISE = "UPDATE published_generation SET counter = counter + 1 WHERE id = 1"


def up(migrator, db):
    class PublishedGeneration(Model):
        counter = IntegerField(default=0)

        class Meta:
            database = db
            table_name = "published_generation"

    db.create_tables([PublishedGeneration])
    PublishedGeneration.create(id=1, counter=0)
    postgres = isinstance(db, PostgresqlDatabase)  # pooled or not
    for statement in trigger_statements(postgres):
        db.execute_sql(statement)


def _events(columns: tuple[str, ...] | None) -> list[str]:
    """The events that raise the counter for a table: insert and delete, and which updates."""
    if columns is None:
        return ["INSERT", "UPDATE", "DELETE"]
    if columns:
        return ["INSERT", f"UPDATE OF {', '.join(columns)}", "DELETE"]
    return ["INSERT", "DELETE"]


def trigger_statements(postgres: bool) -> list[str]:
    """Return the SQL that creates the triggers raising the counter."""
    if postgres:
        statements = [
            "CREATE FUNCTION published_generation_raise() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n  {RAISE};\n  RETURN NULL;\nEND $$"
        ]
        for table, columns in WATCHED.items():
            events = " OR ".join(_events(columns))
            statements.append(
                f"CREATE TRIGGER {table}_published AFTER {events} ON {table}"
                " FOR EACH STATEMENT EXECUTE FUNCTION published_generation_raise()"
            )
        return statements
    statements = []
    for table, columns in WATCHED.items():
        for event in _events(columns):
            name = f"{table}_published_{event.split()[0].lower()}"
            statements.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {RAISE}; END")
    return statements
