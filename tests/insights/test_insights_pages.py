"""Insights pages: who may open what, registering consultations, building and publishing."""

import csv
import io
from datetime import date

import pytest

from portal.core.accounts.roles import Role
from portal.insights.models import Consultation, YearlyDraft, YearlyReport
from portal.reports.models import Report, ReportKey
from tests.conftest import make_adviser, make_person, sign_in_fully, signed_in_client
from tests.insights.helpers import consultation_row, report_row


def en(client):
    """Switch the client's session to English (Dutch is the default)."""
    client.post("/language", data={"locale": "en"})
    return client


def nl(client):
    client.post("/language", data={"locale": "nl"})
    return client


YEAR = date.today().year

CONSULTATION = {
    "held_on": date.today().isoformat(),
    "channel": "phone",
    "category": "bullying",
    "visitor": "bystander",
    "source": "manager",
    "outcome": "advice",
    "referral": "",
    "note": "Komt volgende week terug",
}


def adviser_client(client, email="adviser@example.test"):
    adviser = make_adviser(email=email)
    sign_in_fully(client, adviser)
    return adviser


def fill_year(app, year=YEAR):
    with app.app_context():
        for n in range(30):
            report_row(date(year, 1 + n % 6, 2), ["bullying", "violation"][n % 2])
        for n in range(26):
            consultation_row(date(year, 1, 5), ["bullying", "aggression", "eu_law"][n % 3])


def publish(client, year=YEAR):
    client.post(f"/insights/{year}/draft", data={"observations": "Meer pesten gemeld."})
    client.post(f"/insights/{year}/sign")
    return client.post(f"/insights/{year}/publish", data={"confirm": "y"})


ALL_ROUTES = [
    ("GET", "/insights/"),
    ("GET", "/insights/consultations"),
    ("POST", "/insights/consultations"),
    ("GET", "/insights/consultations/1/note"),
    ("POST", "/insights/reports/X/source"),
    ("GET", f"/insights/{YEAR}/draft"),
    ("POST", f"/insights/{YEAR}/draft"),
    ("GET", f"/insights/{YEAR}/preview"),
    ("POST", f"/insights/{YEAR}/publish"),
    ("POST", f"/insights/{YEAR}/draft/context"),
    ("POST", f"/insights/{YEAR}/draft/recommendations"),
    ("POST", f"/insights/{YEAR}/draft/followups"),
    ("POST", f"/insights/{YEAR}/sign"),
    ("GET", f"/insights/{YEAR}/activities"),
    ("POST", f"/insights/{YEAR}/activities"),
    ("GET", "/insights/activities/1/edit"),
    ("POST", "/insights/activities/1/edit"),
    ("POST", "/insights/activities/1/delete"),
    ("GET", f"/insights/{YEAR}/v1"),
    ("GET", f"/insights/{YEAR}/v1.csv"),
    ("GET", f"/insights/{YEAR}/v1-excel.csv"),
    ("GET", f"/insights/{YEAR}/v1.pdf"),
]
READ_ROUTES = {
    f"/insights/{YEAR}/v1",
    f"/insights/{YEAR}/v1.csv",
    f"/insights/{YEAR}/v1-excel.csv",
    f"/insights/{YEAR}/v1.pdf",
}


@pytest.mark.parametrize("roles", [[Role.EMPLOYEE], [Role.TEAM_LEAD], [Role.ADMIN]])
def test_employee_lead_and_administrator_get_403_everywhere(client, roles):
    signed_in_client(client, roles)
    for method, url in ALL_ROUTES:
        assert client.open(url, method=method).status_code == 403, url


@pytest.mark.parametrize("roles", [[Role.MANAGEMENT], [Role.HR]])
def test_management_and_hr_only_read(app, client, roles):
    signed_in_client(client, roles)
    for method, url in ALL_ROUTES:
        status = client.open(url, method=method).status_code
        if url == "/insights/" or url in READ_ROUTES:
            assert status in (200, 404), url  # 404: nothing published yet
        else:
            assert status == 403, url


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/insights/")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_adviser_registers_a_consultation_with_an_encrypted_note(app, client):
    adviser_client(client)
    page = nl(client).get("/insights/consultations").get_data(as_text=True)
    assert "Gesprek registreren" in page
    response = nl(client).post("/insights/consultations", data=CONSULTATION)
    assert response.status_code == 302
    with app.app_context():
        row = Consultation.get()
        assert (row.visitor, row.source, row.track) == ("bystander", "manager", "unwanted")
        assert b"volgende week" not in bytes(row.note)
    listing = nl(client).get("/insights/consultations").get_data(as_text=True)
    assert "Pesten" in listing
    note = client.get(f"/insights/consultations/{row.id}/note").get_data(as_text=True)
    assert "Komt volgende week terug" in note


def test_another_adviser_cannot_read_the_note(app, client):
    adviser_client(client)
    client.post("/insights/consultations", data=CONSULTATION)
    client.post("/sign-out")
    adviser_client(client, "other@example.test")
    with app.app_context():
        row_id = Consultation.get().id
    assert client.get(f"/insights/consultations/{row_id}/note").status_code == 404


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"outcome": "referral"}, "Choose where you referred to."),
        ({"referral": "police"}, "as the outcome, or leave this empty"),
        ({"held_on": "2999-01-01"}, "Choose a day in the past year"),
        ({"channel": ""}, "Choose how you talked."),
    ],
)
def test_consultation_form_errors(app, client, change, message):
    adviser_client(client)
    response = en(client).post("/insights/consultations", data={**CONSULTATION, **change})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert Consultation.select().count() == 0


def test_referral_is_registered_with_its_destination(app, client):
    adviser_client(client)
    data = {**CONSULTATION, "outcome": "referral", "referral": "company_doctor", "note": ""}
    assert client.post("/insights/consultations", data=data).status_code == 302
    with app.app_context():
        assert Consultation.get().referral == "company_doctor"


def test_adviser_sets_who_the_behaviour_came_from_on_their_report(app, client):
    adviser = adviser_client(client)
    with app.app_context():
        report = report_row(date.today())
        ReportKey.create(report=report, person=adviser, role="adviser", sealed_key=b"")
        other = report_row(date.today())
    response = client.post(
        f"/insights/reports/{report.reference}/source",
        data={"source": "outsider", "several_forms": "y"},
    )
    assert response.status_code == 302
    with app.app_context():
        saved = Report.get_by_id(report.id)
        assert (saved.source, saved.several_forms) == ("outsider", True)
    assert (
        client.post(f"/insights/reports/{other.reference}/source", data={"source": "manager"})
    ).status_code == 404


def test_draft_shows_hidden_cells_and_why(app, client):
    fill_year(app)
    adviser_client(client)
    page = en(client).get(f"/insights/{YEAR}/draft").get_data(as_text=True)
    assert "Hidden cells" in page
    assert "fewer than 5" in page
    assert "hidden so that a small count cannot be worked out from the totals" in page
    assert "<svg" in page and "<desc" in page


def test_draft_texts_are_encrypted_and_shared_with_every_adviser(app, client):
    adviser_client(client)
    with app.app_context():
        make_adviser(email="second@example.test", name="Kofi Mensah")
    client.post(f"/insights/{YEAR}/draft", data={"observations": "Pesten neemt toe"})
    with app.app_context():
        draft = YearlyDraft.get()
        assert b"Pesten" not in bytes(draft.body)
        assert draft.keys.count() == 2
    client.post("/sign-out")
    with app.app_context():
        from portal.core.accounts.models import Person

        second = Person.get(Person.email == "second@example.test")
    sign_in_fully(client, second)
    page = client.get(f"/insights/{YEAR}/draft").get_data(as_text=True)
    assert "Pesten neemt toe" in page


def test_preview_shows_what_management_will_read(app, client):
    fill_year(app)
    adviser_client(client)
    client.post(f"/insights/{YEAR}/draft", data={"recommendations": "Train de leidinggevenden"})
    page = en(client).get(f"/insights/{YEAR}/preview").get_data(as_text=True)
    assert "Preview: this is how management will read the report" in page
    assert "Train de leidinggevenden" in page


def test_publish_needs_confirmation(app, client):
    adviser_client(client)
    response = client.post(f"/insights/{YEAR}/publish", data={})
    assert response.status_code == 302
    with app.app_context():
        assert YearlyReport.select().count() == 0


def test_publish_freezes_and_tells_management_without_content(app, client, mail_sink):
    fill_year(app)
    with app.app_context():
        make_person("directie@example.test", "Willem", roles=(Role.MANAGEMENT,))
        make_person("hr@example.test", "Pieter", roles=(Role.HR,))
    adviser_client(client)
    response = publish(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/insights/{YEAR}/v1")
    recipients = sorted(m["To"] for m in mail_sink.messages)
    assert recipients == ["directie@example.test", "hr@example.test"]
    for message in mail_sink.messages:
        body = message.get_content()
        assert "Meer pesten" not in body and str(YEAR) in body
    # Frozen: a later report does not change version 1. One report dated back would differ
    # from version 1 by one in a dozen cells: refused, and the draft page says why.
    with app.app_context():
        report_row(date(YEAR, 3, 3))
        first = YearlyReport.get().figures
    refused = en(client).post(
        f"/insights/{YEAR}/publish", data={"confirm": "y", "correction": "Q1 herzien"}
    )
    assert refused.status_code == 302 and refused.headers["Location"].endswith("#publish")
    page = client.get(f"/insights/{YEAR}/draft").get_data(as_text=True)
    assert "cannot be published as a new version" in page
    assert "changed by fewer than 5 since version 1" in page
    with app.app_context():
        assert YearlyReport.select().count() == 1
        assert YearlyReport.get(YearlyReport.version == 1).figures == first
        # Five more of the same kind: every cell moved by nothing or by six, so a new version.
        for _n in range(5):
            report_row(date(YEAR, 3, 3))
    client.post(f"/insights/{YEAR}/publish", data={"confirm": "y", "correction": "Q1 herzien"})
    with app.app_context():
        assert YearlyReport.get(YearlyReport.version == 1).figures == first
        assert YearlyReport.get(YearlyReport.version == 2).correction == "Q1 herzien"


def test_refusal_is_said_in_dutch(app, client):
    fill_year(app)
    adviser_client(client)
    publish(client)
    with app.app_context():
        consultation_row(date(YEAR, 1, 5), "discrimination", referral="police", outcome="referral")
    nl(client).post(f"/insights/{YEAR}/publish", data={"confirm": "y", "correction": "Eén erbij"})
    page = nl(client).get(f"/insights/{YEAR}/draft").get_data(as_text=True)
    assert "kan niet als nieuwe versie" in page
    with app.app_context():
        assert YearlyReport.select().count() == 1


def test_management_reads_the_published_report_and_downloads(app, client):
    fill_year(app)
    adviser_client(client)
    publish(client)
    client.post("/sign-out")
    signed_in_client(client, [Role.MANAGEMENT], email="boss@example.test")
    index = en(client).get("/insights/").get_data(as_text=True)
    assert f"Yearly report {YEAR}" in index
    page = en(client).get(f"/insights/{YEAR}/v1").get_data(as_text=True)
    assert "Meer pesten gemeld." in page
    assert "By track and form of behaviour" in page
    assert "Build the yearly report" not in page
    dutch = nl(client).get(f"/insights/{YEAR}/v1").get_data(as_text=True)
    assert "Jaarverslag" in dutch
    pdf = client.get(f"/insights/{YEAR}/v1.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    csv_text = en(client).get(f"/insights/{YEAR}/v1.csv").get_data(as_text=True)
    assert csv_text.startswith("Table,Row,Series,Year,Number,Unit,Hidden")
    assert client.get(f"/insights/{YEAR}/v9").status_code == 404


def read_rows(data: bytes, excel: bool) -> list[dict]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff") == excel
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if excel else ","))


@pytest.mark.parametrize("excel", [False, True])
def test_csv_has_numeric_counts_and_a_hidden_column(app, client, excel):
    fill_year(app)
    adviser_client(client)
    publish(client)
    url = f"/insights/{YEAR}/v1{'-excel' if excel else ''}.csv"
    response = en(client).get(url)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert url.rsplit("/", 1)[1] in response.headers["Content-Disposition"]
    rows = read_rows(response.data, excel)
    assert list(rows[0]) == ["Table", "Row", "Series", "Year", "Number", "Unit", "Hidden"]
    counts = [r for r in rows if r["Unit"] == "count"]
    shown = [r for r in counts if not r["Hidden"]]
    hidden = [r for r in counts if r["Hidden"]]
    assert shown and hidden
    assert all(int(r["Number"]) >= 5 for r in shown)  # numbers only: no "< 5", no dash
    assert all(r["Number"] == "" for r in hidden)
    assert {r["Hidden"] for r in hidden} <= {
        "fewer than 5",
        "hidden so that a small count cannot be worked out from the totals",
        "not shown: the year has too few integrity reports for this table",  # none in YEAR - 1
    }
    # One line per figure: no table, row, series and year twice.
    keys = [(r["Table"], r["Row"], r["Series"], r["Year"]) for r in rows]
    assert len(keys) == len(set(keys))
    dutch = read_rows(nl(client).get(url).data, excel)
    assert list(dutch[0])[4:] == ["Getal", "Eenheid", "Verborgen"]


def test_a_track_with_one_form_shows_once_on_the_page_pdf_and_csv(app, client):
    with app.app_context():
        for n in range(12):
            report_row(date(YEAR, 2, 2), ["online_harassment", "unsure"][n % 2])
            consultation_row(date(YEAR, 2, 2), ["online_harassment", "unsure", "bullying"][n % 3])
    adviser_client(client)
    publish(client)
    page = en(client).get(f"/insights/{YEAR}/v1").get_data(as_text=True)
    table = page[page.index("By track and form of behaviour") :]
    table = table[: table.index("</table>")]
    assert table.count(">Online harassment<") == 2  # one bar label, one row heading
    rows = read_rows(en(client).get(f"/insights/{YEAR}/v1.csv").data, excel=False)
    online = [
        r
        for r in rows
        if r["Row"] == "Online harassment" and r["Series"] == "Reports" and r["Year"] == str(YEAR)
    ]
    assert len(online) == 1
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(en(client).get(f"/insights/{YEAR}/v1.pdf").data))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert text.count("Online harassment") == 2  # one bar label, one table row


def test_csv_guards_against_formulas():
    from portal.insights.presentation import _safe

    assert _safe("=HYPERLINK()") == "'=HYPERLINK()"
    assert _safe("-1") == "'-1"
    assert _safe("@x") == "'@x"
    assert _safe("+x") == "'+x"
    assert _safe("< 5") == "< 5"


def test_demo_seed_gives_management_a_published_report(app):
    from portal.ops.demo import seed_if_empty

    with app.app_context():
        assert seed_if_empty()
        assert YearlyReport.select().where(YearlyReport.year == YEAR - 1).exists()
        assert Consultation.select().count() > 100


def test_an_adviser_added_later_waits_for_the_next_save(app, client):
    adviser_client(client)
    client.post(f"/insights/{YEAR}/draft", data={"observations": "Eerste versie"})
    client.post("/sign-out")
    with app.app_context():
        late = make_adviser(email="late@example.test", name="Els van Dam")
    sign_in_fully(client, late)
    page = en(client).get(f"/insights/{YEAR}/draft").get_data(as_text=True)
    assert "Ask them to save once more" in page and "Eerste versie" not in page
    assert client.post(f"/insights/{YEAR}/publish", data={"confirm": "y"}).status_code == 409
    client.post("/sign-out")
    with app.app_context():
        from portal.core.accounts.models import Person

        first = Person.get(Person.email == "adviser@example.test")
        Person.update(totp_last_step=0).where(Person.id == first.id).execute()
    sign_in_fully(client, first)
    client.post(f"/insights/{YEAR}/draft", data={"observations": "Tweede versie"})
    client.post("/sign-out")
    with app.app_context():  # the same code again within 30 s would be refused as a replay
        Person.update(totp_last_step=0).where(Person.id == late.id).execute()
    sign_in_fully(client, late)
    assert "Tweede versie" in client.get(f"/insights/{YEAR}/draft").get_data(as_text=True)
