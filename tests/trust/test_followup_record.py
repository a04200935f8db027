"""Issue 11, item 4: following up with a receipt code holds half the key in the cookie."""

from portal.followup import access as holding
from portal.platform.database import db
from tests.conftest import make_adviser
from tests.factories import file_report

TEXT = "FOLLOWUP-MARKER what happened"


def opened_client(app):
    adviser = make_adviser()
    filed = file_report([adviser.id], text=TEXT)
    client = app.test_client()
    assert client.post("/followup/", data={"code": filed.receipt_code}).status_code == 302
    assert TEXT in client.get("/followup/report").get_data(as_text=True)
    return client, filed


def copy_of(app, client):
    thief = app.test_client()
    thief.set_cookie("vertrouwd", client.get_cookie("vertrouwd").value)
    return thief


def test_a_copied_cookie_opens_nothing_after_close(app):
    client, _filed = opened_client(app)
    thief = copy_of(app, client)
    assert TEXT in thief.get("/followup/report").get_data(as_text=True)  # before close: same
    client.post("/followup/close")
    gone = thief.get("/followup/report")
    assert gone.status_code == 302 and gone.headers["Location"].endswith("/followup/")


def test_the_cookie_alone_holds_no_key(app):
    client, filed = opened_client(app)
    thief = copy_of(app, client)
    # Without the server-side record (a copied cookie against another copy of the database,
    # say), the cookie opens nothing.
    db.execute_sql('DELETE FROM "follow_up"')
    assert thief.get("/followup/report").status_code == 302


def test_the_database_alone_names_no_report(app):
    _client, filed = opened_client(app)
    columns = sorted(c.name for c in db.get_columns("follow_up"))
    assert columns == ["id", "opened_on", "sealed", "token_digest"]
    rows = db.execute_sql('SELECT token_digest, sealed FROM "follow_up"').fetchall()
    assert len(rows) == 1
    assert filed.report.uid.encode() not in bytes(rows[0][1])


def test_the_record_times_out(app, monkeypatch):
    client, _filed = opened_client(app)
    later = holding.now_minute() + app.config["SESSION_IDLE_MINUTES"] + 1
    monkeypatch.setattr(holding, "now_minute", lambda: later)
    assert client.get("/followup/report").status_code == 302
    assert db.execute_sql('SELECT COUNT(*) FROM "follow_up"').fetchone()[0] == 0
