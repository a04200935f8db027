"""Every key ring and every record look alike, whether or not their owner keeps a record (#21).

- key_ring: a recovery-wrapped key for everyone (random bytes of the same length where there was
  none); whether a recovery code is set up and confirmed moves into `state`, sealed to the ring's
  own public key (a sealed box needs only the public key, so the migration can write it); the
  confirmation time and the key's creation time become a day (`created_on`), the confirmation's
  inside the sealed state; `earlier_recovery_wrapped` keeps a replaced key's wrap.
- journal_record: no start day; ids drawn at random, so that a record cannot be paired with the
  key ring made in the same moment by its place. Records are made for key holders without one at
  their next sign-in (it takes their private key); an existing manifest is padded at its next
  change (it takes the record's key).
"""

# ruff: noqa: S608 (the SQL below is built only from constant names and placeholders)

import json
import secrets

from peewee import BlobField, DateField
from playhouse.migrate import migrate

from portal.platform import crypto

PRIVATE_KEY_CONTEXT = b"vertrouwd|v1|private-key"
STATE_SIZE = 64
ID_LOW, ID_HIGH = 1 << 20, (1 << 31) - 1


def _sealed_state(public_key: bytes, recovery: str, day: str) -> bytes:
    raw = json.dumps({"r": recovery, "d": day, "e": False}).encode().ljust(STATE_SIZE)
    return crypto.seal(public_key, raw)


def _day(value) -> str:
    return str(value)[:10] if value else ""


def up(migrator, db):
    p = db.param
    migrate(
        migrator.add_column("key_ring", "state", BlobField(null=True)),
        migrator.add_column("key_ring", "earlier_recovery_wrapped", BlobField(null=True)),
        migrator.add_column("key_ring", "created_on", DateField(null=True)),
    )
    rows = db.execute_sql(
        "SELECT id, public_key, recovery_wrapped, recovery_confirmed_at, created_at FROM key_ring"
    ).fetchall()
    for ring_id, public_key, wrapped, confirmed_at, created_at in rows:
        if wrapped is None:
            recovery = "none"
            fake = crypto.encrypt(crypto.random_key(), secrets.token_bytes(32), PRIVATE_KEY_CONTEXT)
            db.execute_sql(
                f"UPDATE key_ring SET recovery_wrapped = {p} WHERE id = {p}",
                (fake, ring_id),
            )
        else:
            recovery = "confirmed" if confirmed_at else "pending"
        state = _sealed_state(bytes(public_key), recovery, _day(confirmed_at))
        db.execute_sql(
            f"UPDATE key_ring SET state = {p}, created_on = {p} WHERE id = {p}",
            (state, _day(created_at), ring_id),
        )
    migrate(
        migrator.drop_column("key_ring", "recovery_confirmed_at"),
        migrator.drop_column("key_ring", "created_at"),
        migrator.drop_column("journal_record", "started_on"),
    )
    _renumber_records(db)


def _renumber_records(db) -> None:
    """Give every existing record a random id (its entries and code key follow)."""
    p = db.param
    taken = {row[0] for row in db.execute_sql("SELECT id FROM journal_record").fetchall()}
    for (old,) in sorted((i,) for i in taken):
        new = old
        while new in taken:
            new = ID_LOW + secrets.randbelow(ID_HIGH - ID_LOW)
        taken.add(new)
        lookup, uid, sealed, manifest = db.execute_sql(
            f"SELECT lookup, uid, sealed_key, manifest FROM journal_record WHERE id = {p}", (old,)
        ).fetchone()
        # The unique columns move aside first, so that the copy can take them.
        db.execute_sql(
            f"UPDATE journal_record SET lookup = {p}, uid = {p} WHERE id = {p}",
            (f"{lookup}-moved", f"{uid}-moved", old),
        )
        db.execute_sql(
            "INSERT INTO journal_record (id, lookup, uid, sealed_key, manifest) "
            f"VALUES ({p}, {p}, {p}, {p}, {p})",
            (new, lookup, uid, sealed, manifest),
        )
        for table in ("journal_entry", "journal_code_key"):
            db.execute_sql(f"UPDATE {table} SET record_id = {p} WHERE record_id = {p}", (new, old))
        db.execute_sql(f"DELETE FROM journal_record WHERE id = {p}", (old,))
