"""Issue 21, item 5: putting back an older copy of a record does not go unnoticed.

The chain shows an edited version; an older manifest restored with the entries it lists is
consistent in itself. The owner's anchor (portal/record/anchor.py), kept in their browser where
the database holder cannot roll it back, is what tells.
"""

import io
import json

import pypdf

from portal.record.models import JournalEntry, JournalFile, JournalRecord, JournalVersion
from tests.record.helpers import become_owner, write_entry


def english(client):
    client.post("/language", data={"locale": "en"})
    return client


def pdf_text(client) -> str:
    pdf = pypdf.PdfReader(io.BytesIO(client.get("/record/export.pdf").data))
    return " ".join(" ".join(p.extract_text() for p in pdf.pages).split())


def restore_older_copy(app, manifest: bytes, keep: set[str]) -> None:
    """What a database holder does: the older manifest back, the newer entries gone."""
    with app.app_context():
        newer = JournalEntry.select(JournalEntry.id).where(JournalEntry.uid.not_in(list(keep)))
        JournalFile.delete().where(JournalFile.entry.in_(newer)).execute()
        JournalVersion.delete().where(JournalVersion.entry.in_(newer)).execute()
        JournalEntry.delete().where(JournalEntry.uid.not_in(list(keep))).execute()
        JournalRecord.update(manifest=manifest).execute()


def test_an_older_copy_put_back_shows_on_the_page_and_in_both_exports(app, client):
    english(client)
    become_owner(client)
    first = write_entry(client, what="The first thing that happened")
    with app.app_context():
        older = bytes(JournalRecord.get().manifest)
    write_entry(client, what="The second thing, which someone wants gone")
    assert "since you last looked" not in client.get("/record/").get_data(as_text=True)
    page = client.get("/record/").get_data(as_text=True)
    assert "nothing in your record was changed or removed since you last looked" in page

    restore_older_copy(app, older, {first})
    page = client.get("/record/").get_data(as_text=True)
    assert "Your record is behind what you saw here before" in page
    assert "since you last looked in this browser." not in page
    exported = json.loads(client.get("/record/export.json").data)["chain"]
    assert exported["consistent"] is True  # the chain alone cannot see it
    assert exported["compared_with_last_seen"] == "behind"
    assert "The record is behind what its owner saw before" in pdf_text(client)
    # It keeps saying so, however often the page is opened ...
    assert "Your record is behind" in client.get("/record/").get_data(as_text=True)
    # ... until the owner chooses to go on from the record as it is now.
    client.post("/record/anchor")
    page = client.get("/record/").get_data(as_text=True)
    assert "Your record is behind" not in page
    assert "nothing in your record was changed or removed since you last looked" in page


def test_a_record_removed_outside_the_portal_shows_as_behind(app, client):
    english(client)
    become_owner(client)
    write_entry(client)
    client.get("/record/")
    with app.app_context():
        JournalRecord.delete().execute()
    assert "Your record is behind what you saw here before" in client.get("/record/").get_data(
        as_text=True
    )


def test_without_an_anchor_the_page_claims_only_consistency(app, client):
    english(client)
    become_owner(client)
    write_entry(client)
    client.get("/record/")
    client.delete_cookie("record_anchor")  # another browser, or cookies cleared
    page = client.get("/record/").get_data(as_text=True)
    assert "consistent in itself" in page and "cannot tell whether something was removed" in page
    assert "since you last looked" not in page
    client.delete_cookie("record_anchor")
    exported = json.loads(client.get("/record/export.json").data)["chain"]
    assert exported["compared_with_last_seen"] == "none"


def test_the_anchor_cookie_has_one_size_with_or_without_a_record(app):
    keeper, other = english(app.test_client()), english(app.test_client())
    become_owner(keeper, "keeper@example.test")
    become_owner(other, "other@example.test")
    write_entry(keeper)
    keeper.get("/record/")
    other.get("/record/")  # opened My record, wrote nothing
    kept, blank = keeper.get_cookie("record_anchor"), other.get_cookie("record_anchor")
    assert kept is not None and blank is not None
    assert len(kept.value) == len(blank.value) and kept.value != blank.value
    assert kept.http_only and blank.http_only
