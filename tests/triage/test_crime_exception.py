"""The crime exception as the law has it (issue 22, item 4).

An adviser has no privilege to refuse to testify, but a duty to report only for the crimes of
art. 160 Sv; otherwise breaking confidentiality is a weighed decision after consulting a
colleague. The adviser records which case applies; the reporter is told in those words.
"""

import datetime
import importlib.util
import re

import pytest

from portal.core.accounts.models import Person
from portal.platform.settings import PROJECT_ROOT
from portal.prompts import library
from portal.prompts.models import Prompt, PromptVersion
from portal.reports.models import Message, Note, Report
from tests.conftest import make_adviser, sign_in_fully
from tests.factories import file_report

WRONG_CLAIMS = (
    "aangifte moet doen",
    "you must report to the police",
    "obliges them to report a crime",
    "plicht tot aangifte vast",
)


def reporter(app, code, locale):
    client = app.test_client()
    client.post("/followup/", data={"code": code})
    client.post("/language", data={"locale": locale})
    return client


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def adviser_on_report(app):
    adviser = make_adviser()
    filed = file_report([adviser.id])
    staff = sign_in_fully(app.test_client(), adviser)
    return staff, filed


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        (
            "nl",
            (
                "geen verschoningsrecht",
                "artikel 160",
                "Wetboek van Strafvordering",
                "conflict van plichten",
                "collega",
            ),
        ),
        (
            "en",
            (
                "privilege to refuse to testify",
                "art. 160",
                "Code of Criminal Procedure",
                "conflict of duties",
                "colleague",
            ),
        ),
    ],
)
def test_the_panel_states_the_law_without_a_general_duty(adviser_on_report, locale, said):
    staff, filed = adviser_on_report
    staff.post("/language", data={"locale": locale})
    page = text_of(staff.get(f"/inbox/{filed.report.reference}").get_data(as_text=True))
    for claim in WRONG_CLAIMS:
        assert claim not in page
    for words in said:
        assert words in page, words


@pytest.mark.parametrize(
    ("basis", "data", "nl_words"),
    [
        ("duty_160", {"reason": "Described: a rape, one of the listed crimes."}, "artikel 160"),
        (
            "weighed",
            {"reason": "Serious danger to a colleague, no other way.", "consulted": "y"},
            "na overleg met een collega",
        ),
        ("none", {}, "de geheimhouding blijft"),
    ],
)
def test_the_adviser_records_which_case_applies_and_the_reporter_is_told(
    app, adviser_on_report, basis, data, nl_words
):
    staff, filed = adviser_on_report
    reference = filed.report.reference
    staff.post(f"/inbox/{reference}/crime-exception", data={"basis": basis, **data})
    report = Report.get(Report.reference == reference)
    assert report.confidentiality_breach == basis
    if "reason" in data:
        # The reason is a note and a message, both encrypted: never in a plain column.
        note = Note.get(Note.report == report)
        assert data["reason"].encode() not in bytes(note.body)
    page = text_of(
        reporter(app, filed.receipt_code, "nl").get("/followup/report").get_data(as_text=True)
    )
    assert nl_words in page
    assert data.get("reason", "") in page
    for claim in WRONG_CLAIMS:
        assert claim not in page
    staff.post("/language", data={"locale": "en"})
    adviser_page = text_of(staff.get(f"/inbox/{reference}").get_data(as_text=True))
    assert "Recorded:" in adviser_page


@pytest.mark.parametrize(
    "data",
    [
        {},  # no case chosen
        {"basis": "weighed", "reason": "Danger."},  # weighed, but no colleague consulted
        {"basis": "duty_160"},  # a duty, but no reason for the reporter
        {"basis": "everything"},  # not a case the law knows
    ],
)
def test_an_incomplete_record_is_refused_and_nothing_is_told(app, adviser_on_report, data):
    staff, filed = adviser_on_report
    reference = filed.report.reference
    messages = Message.select().where(Message.report == filed.report).count()
    answer = staff.post(f"/inbox/{reference}/crime-exception", data=data, follow_redirects=True)
    assert answer.status_code == 200
    assert Report.get(Report.reference == reference).confidentiality_breach is None
    assert Message.select().where(Message.report == filed.report).count() == messages


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_decembers_team_prompt_does_not_claim_a_general_duty(app, locale):
    prompt = library.load(library.find("confidentiality-limits"), locale)
    text = " ".join([str(prompt.intro), *prompt.questions])
    assert "160" in text
    if locale == "nl":
        assert "geen verschoningsrecht" in text and "overleg met een collega" in text
    else:
        assert "no legal privilege" in text and "consulting a colleague" in text


def migration_0019():
    path = PROJECT_ROOT / "migrations" / "0019_confidentiality_breach.py"
    spec = importlib.util.spec_from_file_location("migration_0019", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_older_installation_gets_the_corrected_prompt_unless_hr_changed_it(app):
    prompt = Prompt.get(Prompt.slug == "confidentiality-limits")
    PromptVersion.update(intro="old: an adviser must report").where(
        PromptVersion.prompt == prompt
    ).execute()
    hr = Person.create(email="hr@example.test", display_name="HR")
    PromptVersion.create(
        prompt=prompt,
        locale="en",
        title="Mine",
        intro="HR's own",
        questions="a?\nb?\nc?",
        case_text="C",
        author=hr,
    )
    module = migration_0019()
    for _twice in range(2):  # twice is harmless
        module.refresh_prompt(Prompt, PromptVersion, datetime.datetime(2026, 12, 1))
    newest = {
        v.locale: v
        for v in PromptVersion.select()
        .where(PromptVersion.prompt == prompt)
        .order_by(PromptVersion.id)
    }
    assert "artikel 160" in newest["nl"].intro and newest["nl"].from_files
    assert newest["en"].intro == "HR's own"
    assert PromptVersion.select().where(PromptVersion.prompt == prompt).count() == 4
