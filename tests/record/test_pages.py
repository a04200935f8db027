"""The record's pages: timeline, entries, versions, files, deletion, exports; owner only."""

import io
import json
import re

import pytest

from portal.core.accounts.roles import Role
from portal.record.models import JournalEntry, JournalRecord
from tests.conftest import signed_in_client
from tests.factories import jpeg_with_gps
from tests.record.helpers import become_owner, entry_data, write_entry

EN = {"Accept-Language": "en"}


@pytest.fixture
def owner(client):
    client.post("/language", data={"locale": "en"})
    become_owner(client)
    return client


def shown_code(page: str) -> str:
    return re.search(r'<p class="secret-display"><code>([^<]+)</code>', page).group(1)


def test_first_visit_shows_the_recovery_code_once_and_asks_it_back(client):
    from tests.conftest import make_person, sign_in

    client.post("/language", data={"locale": "en"})
    make_person(email="new@example.test")
    sign_in(client, "new@example.test")
    response = client.get("/record/")
    assert response.status_code == 302 and response.headers["Location"] == "/record/recovery-code"
    page = client.get("/record/recovery-code").get_data(as_text=True)
    assert "Your recovery code" in page and "Print this page" in page
    wrong = client.post("/record/recovery-code", data={"typed": "AAAA"})
    assert "This is not the same code" in wrong.get_data(as_text=True)
    again = client.get("/record/recovery-code").get_data(as_text=True)
    assert shown_code(page) == shown_code(again)  # the same code until it is confirmed


def test_write_read_edit_and_history(owner):
    uid = write_entry(owner)
    page = owner.get(f"/record/entry/{uid}").get_data(as_text=True)
    assert "He shouted at me in the team room." in page
    assert "J. Doe (Manager)" in page and "Intimidation" in page
    response = owner.post(f"/record/entry/{uid}/edit", data=entry_data("Second version."))
    assert response.status_code == 302
    page = owner.get(f"/record/entry/{uid}").get_data(as_text=True)
    assert "Second version." in page and "He shouted" not in page
    history = owner.get(f"/record/entry/{uid}/history").get_data(as_text=True)
    assert "Second version." in history and "He shouted at me in the team room." in history
    assert "Version 1, written on" in history and "Version 2, written on" in history
    edit_form = owner.get(f"/record/entry/{uid}/edit").get_data(as_text=True)
    assert "Second version." in edit_form


def test_bad_input_keeps_what_was_typed(owner):
    response = owner.post(
        "/record/new", data=entry_data("", witnesses="Kept witness", happened_on="2999-01-01")
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Write down what happened." in page and "This day is in the future." in page
    assert "Kept witness" in page and 'href="#what"' in page


def test_files_chosen_with_a_mistake_elsewhere_are_kept_for_the_next_try(owner):
    from portal.record.models import JournalEntry, JournalFile

    data = entry_data("", witnesses="Kept witness")
    data["files"] = [(io.BytesIO(b"notes"), "notes-chat.txt"), (io.BytesIO(b"x y"), "a&b.txt")]
    response = owner.post("/record/new", data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Write down what happened." in page
    assert "Files you chose before, kept for you" in page
    assert "Remove notes-chat.txt" in page and "Remove a&amp;b.txt" in page
    assert "Kept witness" in page and not JournalEntry.select().exists()
    # Sent again without choosing any file, and one ticked to leave out: the other is saved.
    again = entry_data("Now with the text", witnesses="Kept witness", remove="1")
    saved = owner.post("/record/new", data=again)
    assert saved.status_code == 302
    page = owner.get(saved.headers["Location"]).get_data(as_text=True)
    assert "notes-chat.txt" in page and "a&amp;b.txt" not in page
    assert JournalFile.select().count() == 1
    # Saved: nothing is held any more; a new form starts empty.
    assert "kept for you" not in owner.get("/record/new").get_data(as_text=True)


def test_timeline_in_order_filtered_with_chart_and_table(owner):
    owner.post("/language", data={"locale": "nl"})
    write_entry(owner, what="Maart-incident", happened_on="2026-03-02", form="bullying")
    write_entry(owner, what="Januari-incident", happened_on="2026-01-05")
    page = owner.get("/record/").get_data(as_text=True)
    assert page.index("Januari-incident") < page.index("Maart-incident")
    assert "<summary>Toon de tekst</summary>" in page
    assert "<svg" in page and "Incidenten per maand" in page
    assert "januari 2026" in page and "februari 2026" in page  # an empty month is shown too
    filtered = owner.get("/record/?form=bullying").get_data(as_text=True)
    assert "Maart-incident" in filtered and "Januari-incident" not in filtered
    period = owner.get("/record/?start=2026-01-01&end=2026-01-31").get_data(as_text=True)
    assert "Januari-incident" in period and "Maart-incident" not in period
    fragment = owner.get("/record/?form=bullying", headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True)
    assert 'class="chain chain--intact">Gecontroleerd: ' in page
    assert "<summary>Details van de controle</summary>" in page


def test_evidence_is_redrawn_and_its_sha256_shown(owner):
    photo = jpeg_with_gps()
    data = entry_data()
    data["files"] = [(io.BytesIO(photo), "photo.jpg"), (io.BytesIO(b"notes"), "notes.txt")]
    response = owner.post("/record/new", data=data, content_type="multipart/form-data")
    uid = response.headers["Location"].rsplit("/", 1)[-1]
    page = owner.get(f"/record/entry/{uid}").get_data(as_text=True)
    import hashlib

    assert hashlib.sha256(photo).hexdigest() in page
    file_uid = page.split(f"/record/entry/{uid}/file/")[1].split('"')[0]
    download = owner.get(f"/record/entry/{uid}/file/{file_uid}")
    assert download.status_code == 200 and b"GPS" not in download.data
    assert download.data != photo


def test_a_refused_file_keeps_the_text(owner, app):
    data = entry_data("Kept text")
    data["files"] = [(io.BytesIO(b"MZ\x90\x00binary"), "virus.exe")]
    response = owner.post("/record/new", data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Kept text" in page
    assert "virus.exe: this type of file is not accepted" in page


def test_delete_an_entry_and_the_whole_record_after_confirming(owner):
    uid = write_entry(owner)
    other = write_entry(owner, what="Other")
    assert owner.get(f"/record/entry/{uid}/delete").status_code == 200
    assert JournalEntry.select().count() == 2  # the question deletes nothing
    assert owner.post(f"/record/entry/{uid}/delete").status_code == 302
    assert owner.get(f"/record/entry/{uid}").status_code == 404
    page = owner.get("/record/delete").get_data(as_text=True)
    assert "Delete your whole record?" in page
    before = JournalRecord.get()
    assert owner.post("/record/delete").status_code == 302
    # Nothing of it is kept; a new, empty record takes its place (every key holder has one).
    assert JournalEntry.select().count() == 0 and JournalRecord.select().count() == 1
    assert JournalRecord.get().uid != before.uid
    assert owner.get(f"/record/entry/{other}").status_code == 404
    assert "Your record is still empty." in owner.get("/record/").get_data(as_text=True)


def test_exports(owner):
    import pypdf

    uid = write_entry(owner, what="Exported incident")
    owner.post(f"/record/entry/{uid}/edit", data=entry_data("Exported incident, corrected"))
    exported = owner.get("/record/export.json")
    assert exported.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(exported.data)
    versions = data["entries"][0]["versions"]
    assert [v["content"]["what"] for v in versions] == [
        "Exported incident",
        "Exported incident, corrected",
    ]
    assert data["chain"]["consistent"] is True
    pdf = owner.get("/record/export.pdf")
    assert pdf.mimetype == "application/pdf"
    pages = pypdf.PdfReader(io.BytesIO(pdf.data)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Exported incident, corrected" in text
    assert data["chain"]["head"] in text
    assert "page 1 of 1" in text and "Version 2, written on" in text
    assert "Incidents per month February 2026 1" in text


def test_record_pages_are_never_cached(owner):
    uid = write_entry(owner)
    for url in ["/record/", f"/record/entry/{uid}", "/record/export.pdf", "/record/new"]:
        assert owner.get(url).headers["Cache-Control"] == "no-store", url


OWNER_URLS = [
    ("get", "/record/"),
    ("get", "/record/new"),
    ("get", "/record/entry/{uid}"),
    ("get", "/record/entry/{uid}/edit"),
    ("post", "/record/entry/{uid}/edit"),
    ("get", "/record/entry/{uid}/history"),
    ("get", "/record/entry/{uid}/file/{file}"),
    ("get", "/record/entry/{uid}/delete"),
    ("post", "/record/entry/{uid}/delete"),
    ("get", "/record/delete"),
    ("get", "/record/export.pdf"),
    ("get", "/record/export.json"),
    ("get", "/record/recovery-code"),
    ("get", "/record/locked"),
]


@pytest.mark.parametrize("roles", [[Role.HR], [Role.TEAM_LEAD], [Role.ADVISER], [Role.ADMIN]])
def test_staff_roles_are_refused_every_record_url(app, roles):
    owner = app.test_client()
    become_owner(owner)
    data = entry_data()
    data["files"] = [(io.BytesIO(b"notes"), "notes.txt")]
    uid = (
        owner.post("/record/new", data=data, content_type="multipart/form-data")
        .headers["Location"]
        .rsplit("/", 1)[-1]
    )
    file_uid = owner.get(f"/record/entry/{uid}").get_data(as_text=True).split("/file/")[1][:24]
    other = signed_in_client(app.test_client(), roles, email="staff@example.test")
    for method, url in OWNER_URLS:
        response = getattr(other, method)(url.format(uid=uid, file=file_uid))
        assert response.status_code == 403, url
    assert other.post("/record/delete").status_code == 403
    assert JournalEntry.select().count() == 1


@pytest.mark.parametrize("role", [Role.HR, Role.TEAM_LEAD, Role.ADVISER])
def test_staff_who_are_employees_too_see_only_their_own_record(app, role):
    owner = app.test_client()
    become_owner(owner)
    uid = write_entry(owner)
    other = app.test_client()
    become_owner(other, email="staff@example.test", roles=(Role.EMPLOYEE, role))
    for method, url in OWNER_URLS:
        if "{uid}" not in url:
            continue
        response = getattr(other, method)(url.format(uid=uid, file="x"))
        assert response.status_code == 404, url


def test_quick_exit_on_record_and_report_pages(app, owner):
    page = owner.get("/record/").get_data(as_text=True)
    assert 'action="/exit" class="quick-exit no-print" data-quick-exit="https://' in page
    app.config["QUICK_EXIT_URL"] = "https://weather.example.org/"
    for url in ["/record/", "/record/new", "/report/", "/followup/"]:
        page = owner.get(url, follow_redirects=True).get_data(as_text=True)
        assert 'data-quick-exit="https://weather.example.org/"' in page, url
        assert "Quick exit" in page and "press Escape twice" in page


def test_a_long_timeline_comes_in_pages_and_the_chart_counts_all(owner, monkeypatch):
    from portal.record import timeline

    monkeypatch.setattr(timeline, "PAGE_SIZE", 2)
    for day in ("2026-01-05", "2026-02-05", "2026-03-05"):
        write_entry(owner, what=f"On {day}", happened_on=day)
    first = owner.get("/record/").get_data(as_text=True)
    assert "On 2026-01-05" in first and "On 2026-03-05" not in first
    assert "Entries 1 to 2 of 3" in first and "Later entries" in first
    assert first.count('<tr><th scope="row">') == 3  # three months in the chart's table
    second = owner.get("/record/?page=2").get_data(as_text=True)
    assert "On 2026-03-05" in second and "Entries 3 to 3 of 3" in second
    assert "Earlier entries" in second
    assert owner.get("/record/?page=x").status_code == 200


def test_the_pdf_prints_any_letter_and_long_words(owner):
    import pypdf

    write_entry(owner, what="Zoë zei “nee” – twee keer " + "lang " * 60 + "x" * 150)
    pdf = owner.get("/record/export.pdf")
    assert pdf.status_code == 200
    pages = pypdf.PdfReader(io.BytesIO(pdf.data)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Zoë zei “nee” – twee keer" in text and f"page 1 of {len(pages)}" in text
