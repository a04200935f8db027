"""Test data for every area: people and teams, reports filed through the domain or the pages,
a fixed today, photos with metadata, PDFs to search, and a query counter."""

import contextlib
import io
import re
import zlib
from datetime import date

from PIL import Image

from portal.core.accounts import people, teams
from portal.core.accounts.roles import Role
from portal.prompts import schedule
from portal.reports import filing, walkthrough
from tests.conftest import make_person, signed_in_client

# People and teams (prompts, admin)


def in_english(client):
    """Fix the client's language to English, so the test reads one language's texts."""
    client.post("/language", data={"locale": "en"})
    return client


TODAY = date(2026, 11, 18)


def travel_to(monkeypatch, day: date = TODAY) -> None:
    """Make the portal believe today is this day."""
    monkeypatch.setattr(schedule, "today", lambda: day)


def make_team(name: str = "Zorgteam Noord", lead=None, members=()):
    return teams.save_team(None, name, lead, list(members))


def lead_client(client, email: str = "lead@example.test", team_name: str = "Zorgteam Noord"):
    """Sign in a team lead who leads a new team; return the team."""
    signed_in_client(client, [Role.EMPLOYEE, Role.TEAM_LEAD], email=email)
    lead = people.Person.get(people.Person.email == email)
    return make_team(team_name, lead)


def hr_client(client, email: str = "hr@example.test"):
    """Sign in an HR person (second factor passed)."""
    return signed_in_client(client, [Role.EMPLOYEE, Role.HR], email=email)


def other_lead(email: str = "other-lead@example.test", team_name: str = "Facilitair"):
    """Create a team led by someone else (not signed in); return the team."""
    lead = make_person(email=email, name="Other Lead", roles=[Role.TEAM_LEAD])
    return make_team(team_name, lead)


class QueryCounter:
    """Count the SQL statements the database runs while active."""

    def __init__(self, monkeypatch):
        from portal.platform.database import db

        self.count = 0
        real = db.obj.execute_sql

        def counting(sql, params=None, *args, **kwargs):
            self.count += 1
            return real(sql, params, *args, **kwargs)

        monkeypatch.setattr(db.obj, "execute_sql", counting)


# Reports filed directly through the domain (triage, backup)


def file_report(
    adviser_ids, category="bullying", mode="anonymous", today=None, text="What happened, in words."
):
    """File a report directly through the domain function; return Filed (report and code)."""
    submission = filing.Submission(
        category=category,
        incidents=[{"description": text}],
        ongoing="yes",
        wishes=[],
        wish_note="",
        mode=mode,
        advisers=list(adviser_ids),
        contact={} if mode == "anonymous" else {"name": "Sanne", "email": "sanne@example.test"},
    )
    return filing.file_report(submission, None, today or date.today())


# Reports filed through the pages, and what comes back (reports)

STEP_DATA = walkthrough.STEP_DATA


def jpeg_with_gps(size=(64, 48), comment=b"SECRET-COMMENT") -> bytes:
    """Return a JPEG carrying EXIF with a GPS position and a comment."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SECRET-CAMERA-MAKER"  # Make
    gps = {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (4.0, 53.0, 10.0)}
    exif[0x8825] = gps  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=comment)
    return buffer.getvalue()


def file_through_steps(client, adviser_ids, overrides=None, files=None) -> tuple[str, str]:
    """Walk the step pages, review, send; return (reference, receipt code)."""
    for step, data in walkthrough.steps(adviser_ids, overrides):
        if step == "evidence" and files:
            data["files"] = [(io.BytesIO(content), name) for name, content in files]
            response = client.post(
                walkthrough.path(step), data=data, content_type="multipart/form-data"
            )
        else:
            response = client.post(walkthrough.path(step), data=data)
        assert response.status_code == 302, (step, response.get_data(as_text=True)[:2000])
    assert response.headers["Location"] == "/report/review"
    assert client.get("/report/review").status_code == 200
    sent = client.post("/report/send")
    assert sent.status_code == 201, sent.get_data(as_text=True)[:2000]
    return receipt_of(sent.get_data(as_text=True))


def receipt_of(html: str) -> tuple[str, str]:
    code = re.search(r'id="receipt-code">([^<]+)<', html).group(1)
    reference = re.search(r'name="reference" value="([^"]+)"', html).group(1)
    return reference, code


def pdf_text(data: bytes) -> bytes:
    """Return the PDF's bytes with every compressed stream inflated, to search for text."""
    out = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            out.append(zlib.decompress(match.group(1)))
    return b"".join(out)


def stored_bytes(app, tmp_path) -> bytes:
    """Everything the database holds, as bytes: every row of every table (SQLite or
    PostgreSQL), and on SQLite also the raw file and its WAL (where deleted pages linger)."""
    from portal.platform.database import db, is_postgres

    with app.app_context():
        db.connect(reuse_if_open=True)
        chunks = []
        for table in db.get_tables():
            rows = db.execute_sql(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608 - names from the database
            chunks.append(repr(rows).encode())
            chunks += [bytes(v) for row in rows for v in row if isinstance(v, bytes | memoryview)]
        postgres = is_postgres()
    if not postgres:
        path = tmp_path / "portal.sqlite3"
        for file in (path, path.with_name(path.name + "-wal")):
            if file.exists():
                chunks.append(file.read_bytes())
    return b"".join(chunks)


def approve_summary(reporter_client, door: str = "/followup/report"):
    """The reporter approves the summary waiting for them (nothing is shared before)."""
    from portal.consent.models import SummaryVersion

    waiting = SummaryVersion.get(SummaryVersion.state == "waiting")
    return reporter_client.post(f"{door}/summary/{waiting.id}/approve", follow_redirects=True)
