"""The report form: steps and one page, validation, evidence rules, nothing typed is lost."""

import io
from datetime import datetime

from portal.reports.models import ReportDraft
from tests.conftest import make_adviser, make_person, sign_in_fully


def test_start_page_explains_modes_and_traces(client):
    client.post("/language", data={"locale": "en"})
    page = client.get("/report/").get_data(as_text=True)
    assert "Anonymous" in page and "Confidential" in page and "By name" in page
    assert "traces" in page.lower()
    assert 'href="/report/form"' in page and 'data-hx-get="/report/step/kind"' in page


def test_step_validation_keeps_what_was_typed(client):
    client.post("/language", data={"locale": "en"})
    response = client.post(
        "/report/step/incidents",
        data={"incidents-0-people": "Typed name", "incidents-0-description": "", "action": "next"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Describe at least one incident" in page and "Say whether it is still going on." in page
    assert "Typed name" in page
    assert "Typed name" in client.get("/report/step/incidents").get_data(
        as_text=True
    )  # kept in the draft


def test_htmx_step_returns_a_fragment_and_moves_on_with_hx_location(client):
    headers = {"HX-Request": "true"}
    fragment = client.get("/report/step/kind", headers=headers)
    assert "<html" not in fragment.get_data(
        as_text=True
    ) and 'name="category"' in fragment.get_data(as_text=True)
    assert "HX-Request" in fragment.headers["Vary"]
    moved = client.post(
        "/report/step/kind", data={"category": "aggression", "action": "next"}, headers=headers
    )
    assert moved.status_code == 204
    assert "/report/step/incidents" in moved.headers["HX-Location"]


def test_incidents_can_be_added_and_removed(client):
    client.post(
        "/report/step/incidents",
        data={"incidents-0-description": "first", "action": "add_incident"},
    )
    page = client.get("/report/step/incidents").get_data(as_text=True)
    assert "incidents-1-description" in page and "first" in page
    client.post(
        "/report/step/incidents",
        data={
            "incidents-0-description": "first",
            "incidents-1-description": "second",
            "action": "remove_incident_0",
        },
    )
    page = client.get("/report/step/incidents").get_data(as_text=True)
    assert "second" in page and ">first<" not in page and "incidents-1-description" not in page


def test_wrong_file_type_is_refused_with_a_message_and_text_kept(client):
    client.post("/language", data={"locale": "en"})
    response = client.post(
        "/report/step/evidence",
        data={
            "files": [
                (io.BytesIO(b"MZ\x90\x00binary"), "tool.exe"),
                (io.BytesIO(b"plain notes"), "notes.txt"),
            ],
            "action": "next",
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "tool.exe: this type of file is not accepted" in page
    assert "notes.txt" in page  # the good file was kept


def test_mislabelled_file_is_judged_by_its_bytes(client):
    response = client.post(
        "/report/step/evidence",
        data={
            "files": [(io.BytesIO(b"<html><script>alert(1)</script>"), "photo.jpg")],
            "action": "next",
        },
        content_type="multipart/form-data",
    )
    assert "photo.jpg" in response.get_data(as_text=True) and response.status_code == 200
    assert "Remove photo.jpg" not in response.get_data(as_text=True)


def test_oversized_file_is_refused_and_typed_text_survives(app, client):
    app.config["EVIDENCE_MAX_FILE_MB"] = 1
    client.post("/language", data={"locale": "en"})
    client.post("/report/step/kind", data={"category": "bullying", "action": "next"})
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
    response = client.post(
        "/report/form",
        data={
            "category": "bullying",
            "incidents-0-description": "Kept description",
            "ongoing": "no",
            "files": [(io.BytesIO(big), "big.pdf")],
            "action": "review",
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "big.pdf: this file is too large." in page and "Kept description" in page


def test_one_page_form_without_javascript_reaches_review(client):
    adviser = make_adviser()
    response = client.post(
        "/report/form",
        data={
            "category": "discrimination",
            "incidents-0-description": "One page",
            "ongoing": "unsure",
            "mode": "anonymous",
            "advisers": [str(adviser.id)],
            "action": "review",
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/report/review"
    assert "One page" in client.get("/report/review").get_data(as_text=True)


def test_confidential_needs_contact_details(client):
    client.post("/language", data={"locale": "en"})
    response = client.post("/report/step/mode", data={"mode": "confidential", "action": "next"})
    page = response.get_data(as_text=True)
    assert "Fill in your name" in page and "so the adviser can reach you" in page


def test_adviser_must_be_chosen_and_cannot_be_excluded_too(client):
    adviser = make_adviser()
    client.post("/language", data={"locale": "en"})
    none = client.post("/report/step/advisers", data={"action": "next"})
    assert "Choose at least one confidential adviser." in none.get_data(as_text=True)
    both = client.post(
        "/report/step/advisers",
        data={"advisers": [str(adviser.id)], "excluded": [str(adviser.id)], "action": "next"},
    )
    assert "cannot both receive" in both.get_data(as_text=True)


def test_unlisted_adviser_cannot_be_chosen(client):
    hidden = make_adviser(email="hidden@example.test", listed=False)
    response = client.post(
        "/report/step/advisers", data={"advisers": [str(hidden.id)], "action": "next"}
    )
    assert response.status_code == 200  # refused: not a valid choice


def test_review_sends_an_incomplete_draft_back_to_its_step(client):
    client.post("/report/step/kind", data={"category": "bullying", "action": "next"})
    response = client.get("/report/review")
    assert response.headers["Location"] == "/report/step/incidents"
    assert client.post("/report/send").headers["Location"] == "/report/review"


def test_draft_is_encrypted_and_survives_signing_in(app, client):
    client.post(
        "/report/step/incidents",
        data={"incidents-0-description": "DRAFT-MARKER text", "ongoing": "yes"},
    )
    assert b"DRAFT-MARKER" not in bytes(ReportDraft.get().content)
    sign_in_fully(client, make_person(email="sanne@example.test"))
    assert "DRAFT-MARKER text" in client.get("/report/step/incidents").get_data(as_text=True)


def test_decompression_bomb_is_refused(client):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")  # tiny file, 400 million pixels
    client.post("/language", data={"locale": "en"})
    response = client.post(
        "/report/step/evidence",
        data={"files": [(io.BytesIO(buffer.getvalue()), "bomb.png")], "action": "upload"},
        content_type="multipart/form-data",
    )
    assert "bomb.png: this file is too large." in response.get_data(as_text=True)


def test_polyglot_image_loses_its_payload(client):
    from PIL import Image

    from portal.reports.evidence import accept

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "JPEG")
    polyglot = buffer.getvalue() + b"<html><script>alert(1)</script></html>"
    stored = accept("photo.jpg", polyglot, 10 * 1024 * 1024)
    assert b"<script>" not in stored.data and stored.reencoded
    gif_js = b"GIF89a/*\x00\x00*/=alert(1);//"
    response = client.post(
        "/report/step/evidence",
        data={"files": [(io.BytesIO(gif_js), "x.gif")], "action": "upload"},
        content_type="multipart/form-data",
    )
    assert "Remove x.gif" not in response.get_data(as_text=True)


def test_adviser_choice_names_externals_and_the_integrity_contact(client):
    make_adviser(
        email="ext@example.test", name="Els van Dam", external=True, organisation="Arbo Advies"
    )
    make_adviser(email="int@example.test", name="Marieke Jansen", integrity_contact=True)
    client.post("/language", data={"locale": "en"})
    page = client.get("/report/step/advisers").get_data(as_text=True)
    assert '<label for="advisers-1">Els van Dam</label>' in page or ">Els van Dam</label>" in page
    assert '-about">Arbo Advies</span>' in page and '-about">Integrity contact</span>' in page
    assert 'href="/advisers/"' in page


def test_online_harassment_offers_aftercare_beside_an_adviser(client):
    client.post("/language", data={"locale": "en"})
    client.post("/report/step/kind", data={"category": "online_harassment", "action": "next"})
    page = client.get("/report/step/advisers").get_data(as_text=True)
    assert "Harassed online because of your work?" in page
    assert 'href="/sign-in?next=/aftercare/ask"' in page  # not signed in: via the sign-in page
    client.post("/report/step/kind", data={"category": "bullying", "action": "next"})
    page = client.get("/report/step/advisers").get_data(as_text=True)
    assert "Harassed online because of your work?" not in page


def test_the_reporter_may_say_who_the_behaviour_came_from(app, client):
    from portal.insights import figures
    from portal.reports.models import Report
    from tests.factories import file_through_steps

    adviser = make_adviser()
    client.post("/language", data={"locale": "en"})
    step = client.get("/report/step/incidents").get_data(as_text=True)
    assert "Who did it come from?" in step and "I would rather not say" in step
    reference, _code = file_through_steps(
        client, [adviser.id], overrides={"incidents": {"source": "manager"}}
    )
    quiet, _code = file_through_steps(client, [adviser.id])
    with app.app_context():
        said = Report.get(Report.reference == reference)
        assert said.source == "manager"
        assert Report.get(Report.reference == quiet).source is None
        counted = figures.build(said.received_on.year, said.received_on)
    by_source = counted.tables["by_source"].columns[("reports", said.received_on.year)]
    assert by_source["source:manager"] == 1 and by_source["source:unknown"] == 1


def test_a_made_up_source_is_refused_and_the_text_kept(client):
    client.post("/language", data={"locale": "en"})
    response = client.post(
        "/report/step/incidents",
        data={
            "incidents-0-description": "Kept text",
            "ongoing": "yes",
            "source": "the-cat",
            "action": "next",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Kept text" in page and "Not a valid choice" in page


def test_an_expired_draft_is_not_shown_again(client):
    from portal.reports.models import ReportDraft

    client.post(
        "/report/step/incidents",
        data={"incidents-0-place": "Kantine tweede verdieping", "action": "next"},
    )
    assert "Kantine tweede verdieping" in client.get("/report/form").get_data(as_text=True)
    ReportDraft.update(expires_at=datetime(2000, 1, 1)).execute()
    assert "Kantine tweede verdieping" not in client.get("/report/form").get_data(as_text=True)


def test_a_returning_reporter_continues_or_discards_the_draft(client):
    """Issue 28: coming back to the start page with a saved draft offers both ways, and
    discarding leaves nothing behind."""
    client.post("/language", data={"locale": "en"})
    fresh = client.get("/report/").get_data(as_text=True)
    assert "You have a draft" not in fresh and ">Start<" in fresh
    client.post(
        "/report/step/incidents",
        data={"incidents-0-description": "Kept for later", "action": "next"},
    )
    assert ReportDraft.select().count() == 1
    back = client.get("/report/").get_data(as_text=True)
    assert "You have a draft" in back and "Continue where I left off" in back
    assert 'action="/report/discard"' in back and "Discard the draft" in back
    assert ">Start<" not in back
    response = client.post("/report/discard")
    assert response.status_code == 302 and response.headers["Location"].endswith("/report/")
    assert ReportDraft.select().count() == 0
    after = client.get("/report/").get_data(as_text=True)
    assert "You have a draft" not in after and "Your draft has been deleted" in after
    assert "Kept for later" not in client.get("/report/step/incidents").get_data(as_text=True)
