"""Issue 28, item 6: the record hands over everything, to its owner only.

One zip with the PDF (images inside, "page x of N"), the JSON (approximate dates) and the
evidence files; approximate dates shown as such everywhere; files chosen before a form error
kept, readable by nobody but the owner; every export refused to anyone else.
"""

import base64
import io
import json
import logging
import sqlite3
import zipfile

import pypdf
import pytest
from PIL import Image

from portal.core.accounts.roles import Role
from portal.reports.models import ReportDraft
from tests.conftest import signed_in_client
from tests.record.helpers import become_owner, entry_data, write_entry
from tests.record.test_record_code import started


def png(color: str = "teal") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def owner(client):
    client.post("/language", data={"locale": "en"})
    become_owner(client)
    return client


def with_files(client, url: str, data: dict, files: list[tuple[bytes, str]]):
    data = dict(data, files=[(io.BytesIO(content), name) for content, name in files])
    return client.post(url, data=data, content_type="multipart/form-data")


def written_with_evidence(owner) -> str:
    data = entry_data("A photo of my desk was shared", precision="month", happened_on="2026-03-17")
    response = with_files(
        owner, "/record/new", data, [(png(), "desk.png"), (b"chat log\n", "chat.txt")]
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[-1]


def test_the_zip_holds_the_pdf_with_its_images_the_json_and_the_files(owner):
    written_with_evidence(owner)
    write_entry(owner, what="Around then", precision="about", happened_on="2026-02-03")
    write_entry(
        owner,
        what="All that spring",
        precision="period",
        happened_on="2026-04-01",
        happened_until="2026-05-31",
    )
    response = owner.get("/record/export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = set(archive.namelist())
    assert {"record.pdf", "record.json", "README.txt"} <= names
    # The evidence files, each as it is kept in the record.
    data = json.loads(archive.read("record.json"))
    listed = [f for e in data["entries"] for f in e["files"]]
    assert sorted(f["filename"] for f in listed) == ["chat.txt", "desk.png"]
    for item in listed:
        assert item["path"] in names and "content_base64" not in item
    chat = next(f for f in listed if f["filename"] == "chat.txt")
    assert archive.read(chat["path"]) == b"chat log\n"
    desk = next(f for f in listed if f["filename"] == "desk.png")
    assert Image.open(io.BytesIO(archive.read(desk["path"]))).size == (40, 30)
    # Approximate dates, as such, in the JSON.
    happened = [e["happened"] for e in data["entries"]]
    assert [h["precision"] for h in happened] == ["about", "month", "period"]
    assert happened[0]["text"] in ("about February 3, 2026, 09:30", "about 3 February 2026, 09:30")
    assert happened[1] | {"text": None} == {
        "precision": "month",
        "from": "2026-03-01",
        "until": "2026-03-31",
        "time": "09:30",
        "text": None,
    }
    assert happened[1]["text"].startswith("March 2026")
    assert (happened[2]["from"], happened[2]["until"]) == ("2026-04-01", "2026-05-31")
    # The PDF: the image inside, the dates as typed, page x of N on every page.
    reader = pypdf.PdfReader(io.BytesIO(archive.read("record.pdf")))
    images = {image.name: image for page in reader.pages for image in page.images}
    assert len(images) == 1, [(n, len(p.images)) for n, p in enumerate(reader.pages)]
    assert next(iter(images.values())).image.size == (40, 30)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "March 2026" in text and "about " in text and "A photo of my desk was shared" in text
    count = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        assert f"page {number} of {count}" in page.extract_text()
    assert "chat.txt" in text and desk["sha256"] in text


def test_the_pdf_and_zip_in_dutch(owner):
    owner.post("/language", data={"locale": "nl"})
    written_with_evidence(owner)
    response = owner.get("/record/export.zip")
    assert "mijn-dossier-" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    reader = pypdf.PdfReader(io.BytesIO(archive.read("record.pdf")))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "pagina 1 van" in text and "maart 2026" in text


def test_approximate_dates_show_as_such_on_every_page(owner):
    uid = write_entry(owner, what="Round about", precision="about", happened_on="2026-02-03")
    month = write_entry(owner, what="That month", precision="month", happened_on="2026-01-20")
    timeline = owner.get("/record/").get_data(as_text=True)
    assert "about February 3, 2026" in timeline or "about 3 February 2026" in timeline
    assert "January 2026, 09:30" in timeline
    entry = owner.get(f"/record/entry/{uid}").get_data(as_text=True)
    assert "<h1>about " in entry
    history = owner.get(f"/record/entry/{month}/history").get_data(as_text=True)
    assert "Happened: January 2026" in history
    # The filter sees a month as the whole month.
    late = owner.get("/record/?start=2026-01-31&end=2026-01-31").get_data(as_text=True)
    assert "That month" in late and "Round about" not in late
    # The form comes back with the precision chosen.
    form = owner.get(f"/record/entry/{month}/edit").get_data(as_text=True)
    assert (
        '<input checked id="precision-2" name="precision" required type="radio" value="month">'
        in form
    )


def test_the_list_shows_dates_and_titles_and_the_text_on_request(owner):
    write_entry(owner, what="The private words", title="Team meeting")
    write_entry(owner, what="Other words", form="bullying")
    page = owner.get("/record/").get_data(as_text=True)
    assert ">Team meeting</a>" in page and ">Bullying</a>" in page
    details = page.index('<details class="timeline__text">')
    assert details < page.index("The private words")  # behind the control
    assert page.index("Chain head") > page.index("<summary>Details of the check</summary>")


def test_a_period_needs_its_end_and_an_end_needs_a_period(owner):
    no_end = owner.post("/record/new", data=entry_data(precision="period"))
    assert "Fill in the last day of the period." in no_end.get_data(as_text=True)
    stray = owner.post("/record/new", data=entry_data(happened_until="2026-02-12"))
    assert "A last day is only for a period" in stray.get_data(as_text=True)
    assert "2026-02-12" in stray.get_data(as_text=True)  # nothing typed is lost
    wrong = owner.post("/record/new", data=entry_data(precision="sometime"))
    assert wrong.status_code == 200 and "Not a valid choice" in wrong.get_data(as_text=True)


def test_held_files_are_readable_by_nobody_but_the_owner(app, owner, tmp_path):
    marker = b"MARKER-HELD-FILE-BYTES"
    response = with_files(owner, "/record/new", entry_data(""), [(marker, "MARKER-HELD-NAME.txt")])
    assert "Remove MARKER-HELD-NAME.txt" in response.get_data(as_text=True)
    assert ReportDraft.select().count() == 1
    # The database (and its WAL) hold neither the bytes nor the name.
    path = tmp_path / "portal.sqlite3"
    if path.exists():
        source = sqlite3.connect(path)
        source.execute("PRAGMA wal_checkpoint")
        source.close()
        blob = path.read_bytes()
        assert marker not in blob and b"MARKER-HELD-NAME" not in blob
    # The cookie's token opens the holding area, but inside it the files are sealed under the
    # record's key: the database, the secret key and the cookie together still read nothing.
    from portal.record import pages
    from portal.reports import drafts

    with owner.session_transaction() as cookie:
        token = cookie[pages.HELD]
    with app.test_request_context():
        content = drafts.load(token)
    assert set(content) == {"target", "sealed"}
    sealed = base64.b64decode(content["sealed"])
    assert marker not in sealed and b"MARKER-HELD" not in sealed
    # Another employee with that cookie's token opens nothing of it with their own record.
    other = app.test_client()
    become_owner(other, email="other@example.test")
    with other.session_transaction() as cookie:
        cookie[pages.HELD] = token
    page = other.post("/record/new", data=entry_data("")).get_data(as_text=True)
    assert "MARKER-HELD-NAME" not in page
    # The quick exit deletes the held files.
    owner.post("/exit")
    assert ReportDraft.select().count() == 0


def test_held_files_kept_on_the_edit_form_and_by_the_record_code(client):
    client.post("/language", data={"locale": "en"})
    started(client)
    made = client.post("/record-code/new", data=entry_data("First"))
    uid = made.headers["Location"].rsplit("/", 1)[-1]
    response = with_files(
        client, f"/record-code/entry/{uid}/edit", entry_data(""), [(png("red"), "later.png")]
    )
    assert "Remove later.png" in response.get_data(as_text=True)
    # Held for this entry only: the new-entry form does not offer them.
    assert "Remove later.png" not in client.post("/record-code/new", data=entry_data("")).get_data(
        as_text=True
    )
    saved = client.post(f"/record-code/entry/{uid}/edit", data=entry_data("Second"))
    assert saved.status_code == 302
    assert "later.png" in client.get(f"/record-code/entry/{uid}").get_data(as_text=True)
    archive = zipfile.ZipFile(io.BytesIO(client.get("/record-code/export.zip").data))
    assert any(name.endswith("later.png") for name in archive.namelist())


EXPORTS = ["/record/export.zip", "/record/export.pdf", "/record/export.json"]


def test_exports_only_for_the_owner(app, owner, caplog):
    with caplog.at_level(logging.DEBUG):
        written_with_evidence(owner)
        assert owner.get("/record/export.zip").status_code == 200
    assert "A photo of my desk" not in caplog.text and "desk.png" not in caplog.text
    # Signed out: sent to sign in, nothing of the record.
    for url in EXPORTS:
        response = app.test_client().get(url)
        assert response.status_code in (302, 401, 403) and b"%PDF" not in response.data, url
        assert not response.data.startswith(b"PK")
    # Staff without the employee role: refused.
    for roles in ([Role.HR], [Role.ADVISER], [Role.ADMIN], [Role.TEAM_LEAD]):
        staff = signed_in_client(app.test_client(), roles, email=f"{roles[0].value}@example.test")
        for url in EXPORTS:
            assert staff.get(url).status_code == 403, (roles, url)
    # Another employee gets their own (empty) record, never the owner's.
    other = app.test_client()
    become_owner(other, email="other@example.test")
    archive = zipfile.ZipFile(io.BytesIO(other.get("/record/export.zip").data))
    assert json.loads(archive.read("record.json"))["entries"] == []
    assert [n for n in archive.namelist() if n.startswith("files/")] == []
    # The record-code door without a record held open: sent to open one.
    for url in ("/record-code/export.zip", "/record-code/export.pdf"):
        response = app.test_client().get(url)
        assert response.status_code == 302 and response.headers["Location"].endswith(
            "/record-code/open"
        )
