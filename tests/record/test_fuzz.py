"""Hypothesis feeds arbitrary input to the record's forms and filters: never a server error."""

from hypothesis import given
from hypothesis import strategies as st

from tests.record.helpers import become_owner, entry_data
from tests.security.test_fuzz_forms import FUZZ, TEXT, assert_no_server_error

FIELDS = [
    "happened_on",
    "happened_until",
    "time",
    "place",
    "channel",
    "post_url",
    "people-0-name",
    "people-0-relation",
    "witnesses",
    "what",
    "effect",
    "actions",
    "form",
]


def owner(client):
    if not getattr(client, "_owner", False):
        become_owner(client)
        client._owner = True
    return client


@FUZZ
@given(values=st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=len(FIELDS)))
def test_entry_forms(client, values):
    owner(client)
    assert_no_server_error(client.post("/record/new", data=values))
    valid = client.post("/record/new", data=entry_data())
    uid = valid.headers["Location"].rsplit("/", 1)[-1]
    assert_no_server_error(client.post(f"/record/entry/{uid}/edit", data=values))
    assert_no_server_error(client.get(f"/record/entry/{uid}/history"))


@FUZZ
@given(form=TEXT, start=TEXT, end=TEXT, page=TEXT, entry=TEXT)
def test_timeline_filters_and_pickers(client, form, start, end, page, entry):
    owner(client)
    query = {"form": form, "start": start, "end": end, "page": page}
    assert_no_server_error(client.get("/record/", query_string=query))
    assert_no_server_error(client.post("/record/to-report", data={"entries": [entry]}))
    assert_no_server_error(
        client.post("/record/to-message", data={"reference": entry, "entries": [entry]})
    )
    assert_no_server_error(client.post("/record/locked", data={"recovery_key": entry}))
    for path in ("/record/passphrase", "/record/passphrase/new", "/record/passphrase/recover"):
        data = {"passphrase": entry, "confirm": form, "recovery_key": start}
        assert_no_server_error(client.post(path, data=data))
