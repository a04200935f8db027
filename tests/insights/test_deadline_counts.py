"""The legal clock of integrity reports as counts: met, missed, still running (issue 23, item 3).

Whistleblower Protection Act (DOMAIN.md): acknowledge receipt within 7 days, give feedback
within 3 months of the acknowledgement; the due day itself still counts as in time.
"""

import csv
import io
import json
from datetime import date, timedelta

import pypdf

from portal.insights import figures, yearly
from portal.insights.models import YearlyReport
from portal.reports import deadlines
from portal.reports.models import Report
from tests.conftest import make_adviser
from tests.insights.helpers import report_row, sign_all
from tests.insights.test_insights_pages import YEAR, adviser_client, en, nl, publish

DAY = timedelta(days=1)


def integrity(received: date, acknowledged: date | None = None, closed: date | None = None):
    """An integrity report with its due days set as the portal sets them."""
    report = report_row(received, "violation", acknowledged_on=acknowledged, closed_on=closed)
    deadlines.set_due_dates(report, 5)
    report.save()
    return report


def clock(built, key: str, year: int) -> dict:
    counts = built.tables[key].columns[("reports", year)]
    return {code: counts[f"deadline:{code}"] for code in ("met", "missed", "running")}


def test_met_and_missed_at_the_boundary_day(app):
    received = date(2026, 3, 2)
    due = received + deadlines.ACKNOWLEDGE_WITHIN  # 9 March
    today = date(2026, 3, 9)
    with app.app_context():
        integrity(received, acknowledged=due)  # on the 7th day: met
        integrity(received, acknowledged=due + DAY)  # the 8th day: missed (and after today)
        integrity(received)  # not yet, due today: still running
        integrity(received - DAY)  # not yet, due yesterday: missed
        report_row(received, "bullying")  # unwanted behaviour has no such clock
        built = figures.build(2026, today, clock_day=today)
        assert clock(built, "integrity_acknowledged", 2026) == {"met": 1, "missed": 1, "running": 2}
        # The 8th-day acknowledgement lies after the clock's day: it counts once it happened.
        later = figures.build(2026, today + 5 * DAY)
        assert clock(later, "integrity_acknowledged", 2026) == {"met": 1, "missed": 3, "running": 0}
        by_form = later.tables["by_form"].columns[("reports", 2026)]
        assert later.tables["integrity_acknowledged"].columns[("reports", 2026)]["total"] == 4
        assert by_form["track:integrity"] == 4


def test_feedback_runs_three_months_from_the_acknowledgement(app):
    received = date(2026, 1, 5)
    acknowledged = date(2026, 1, 20)  # late: the 3 months run from here, to 20 April
    due = deadlines.add_months(acknowledged, 3)
    assert due == date(2026, 4, 20)
    today = date(2026, 6, 1)
    with app.app_context():
        integrity(received, acknowledged, closed=due)  # on the due day: met
        integrity(received, acknowledged, closed=due + DAY)  # a day late: missed
        integrity(received, acknowledged)  # still open after the due day: missed
        integrity(date(2026, 5, 1), date(2026, 5, 4))  # open, due in August: running
        built = figures.build(2026, today)
        assert clock(built, "integrity_feedback", 2026) == {"met": 1, "missed": 2, "running": 1}
        assert clock(built, "integrity_acknowledged", 2026) == {"met": 1, "missed": 3, "running": 0}


def test_small_clock_counts_are_hidden_like_every_other_cell(app):
    today = date(2026, 11, 30)
    with app.app_context():
        for n in range(23):  # 20 in time, 3 late
            received = date(2026, 2, 2)
            integrity(received, received + timedelta(days=3 if n < 20 else 9), date(2026, 3, 1))
        for _n in range(30):
            report_row(date(2026, 2, 2), "bullying")
        for _n in range(12):  # 2025: every acknowledgement in time
            integrity(date(2025, 5, 5), date(2025, 5, 6), date(2025, 6, 1))
        snap = yearly.snapshot(figures.build(2026, today), 5)
    table = next(t for t in snap["tables"] if t["key"] == "integrity_acknowledged")
    cells = {r["code"]: row[0] for r, row in zip(table["rows"], table["cells"], strict=True)}
    assert cells["missed"] == {"n": None, "hidden": "small"}
    assert cells["running"]["hidden"] == "small"  # zero is small too
    # Two small cells beside a visible total of 23 would leave met known within 19 to 23: the
    # met count is hidden as well, or the total, and never shown as a number under 5.
    assert cells["met"]["hidden"] or cells["total"]["hidden"]
    for shown in (row[0] for t in snap["tables"] for row in t["cells"]):  # 2026
        assert shown["hidden"] or shown["n"] >= 5
    # In 2025 every acknowledgement was due by 7 January 2026: none can be running. That zero
    # is known to every reader, so it is shown rather than hidden as a small count.
    running = [r["code"] for r in table["rows"]].index("running")
    assert table["columns"][1]["year"] == 2025
    assert table["cells"][running][1] == {"n": 0, "hidden": None}


def test_too_few_integrity_reports_withhold_the_clock(app):
    today = date(2026, 11, 30)
    with app.app_context():
        for _n in range(3):  # three integrity reports: their row in by_form is "< 5"
            integrity(date(2026, 2, 2), date(2026, 2, 3), date(2026, 3, 1))
        for _n in range(30):
            report_row(date(2026, 2, 2), "bullying")
        snap = yearly.snapshot(figures.build(2026, today), 5)
    tables = {t["key"]: t for t in snap["tables"]}

    def cell(key, code):
        table = tables[key]
        at = [r["code"] for r in table["rows"]].index(code)
        return table["cells"][at][0]

    # "met < 5" and "missed < 5" would bound the row they add up to: under twice the threshold
    # the deadline columns are not shown at all, and the row is hidden as small.
    assert cell("by_form", "integrity")["hidden"] == "small"
    for key in figures.DEADLINE_TABLES:
        for code in ("met", "missed", "running", "total"):
            assert cell(key, code) == {"n": None, "hidden": "withheld"}, key


def test_a_hidden_integrity_row_hides_the_clock_totals(app):
    today = date(2026, 11, 30)
    with app.app_context():
        for n in range(12):  # 12 integrity reports, 4 of them in the second quarter
            integrity(date(2026, 2 if n < 8 else 5, 2), date(2026, 2, 3), date(2026, 3, 1))
        for _n in range(3):  # 3 reports on aggression make "unwanted behaviour" hide a partner
            report_row(date(2026, 2, 2), "aggression")
        for _n in range(30):
            report_row(date(2026, 2, 2), "bullying")
        snap = yearly.snapshot(figures.build(2026, today), 5)
    tables = {t["key"]: t for t in snap["tables"]}

    def cell(key, code):
        table = tables[key]
        return table["cells"][[r["code"] for r in table["rows"]].index(code)][0]

    integrity_row = cell("by_form", "integrity")
    for key in figures.DEADLINE_TABLES:
        assert bool(cell(key, "total")["hidden"]) == bool(integrity_row["hidden"]), key


def test_the_clock_takes_part_in_the_version_rule(app):
    with app.test_request_context():
        adviser = make_adviser()
        for n in range(30):
            integrity(date(2025, 12, 1), date(2025, 12, 3) + timedelta(days=n % 8))
        for _n in range(30):
            report_row(date(2025, 6, 1), "bullying")
        sign_all(2025)
        first = yearly.publish(2025, adviser, {}, "", date(2026, 1, 10), 5, notify=False)
        # Time passes: reports are concluded, feedback deadlines run out. The clock is read as
        # on the first publication, so nothing moved and a correction can be published.
        every_third = [r.id for r in Report.select(Report.id).order_by(Report.id)][::3]
        Report.update(closed_on=date(2026, 2, 1)).where(Report.id.in_(every_third)).execute()
        again = yearly.publish(2025, adviser, {}, "Typo", date(2026, 4, 1), 5, notify=False)
        assert again.version == 2
        assert json.loads(again.counts)["tables"] == json.loads(first.counts)["tables"]
        # One integrity report dated back moves the clock by one: refused, and said where.
        integrity(date(2025, 12, 20), date(2025, 12, 21))
        try:
            yearly.publish(2025, adviser, {}, "One more", date(2026, 4, 2), 5, notify=False)
        except yearly.VersionRefused as refused:
            tables = {m.table for m in refused.moved}
        else:
            raise AssertionError("a difference of one was published")
        assert set(figures.DEADLINE_TABLES) <= tables
        assert YearlyReport.select().count() == 2


def rows_of(data: bytes, excel: bool) -> list[dict]:
    text = data.decode("utf-8").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if excel else ","))


def test_the_clock_on_the_page_the_pdf_and_both_csvs(app, client):
    with app.app_context():
        for n in range(26):  # 20 acknowledged in time, 6 late
            received = date(YEAR, 1, 5)
            integrity(received, received + timedelta(days=2 if n < 20 else 8 + n % 3))
        for _n in range(5):  # received today: the 7 days still run
            integrity(date.today())
        for _n in range(30):
            report_row(date(YEAR, 1, 5), "bullying")
    adviser_client(client)
    draft = en(client).get(f"/insights/{YEAR}/draft").get_data(as_text=True)
    assert "Integrity reports: receipt acknowledged within 7 days" in draft
    assert "Integrity reports acknowledged within 7 days (" not in draft  # no longer a share
    publish(client)
    page = en(client).get(f"/insights/{YEAR}/v1").get_data(as_text=True)
    for text in ("receipt acknowledged within 7 days", "feedback within 3 months", "Deadline met"):
        assert text in page
    dutch = nl(client).get(f"/insights/{YEAR}/v1").get_data(as_text=True)
    assert "Termijn gehaald" in dutch
    pdf = pypdf.PdfReader(io.BytesIO(en(client).get(f"/insights/{YEAR}/v1.pdf").data))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "receipt acknowledged within 7 days" in text and "Deadline missed" in text
    for excel in (False, True):
        url = f"/insights/{YEAR}/v1{'-excel' if excel else ''}.csv"
        rows = rows_of(en(client).get(url).data, excel)
        met = [
            r
            for r in rows
            if r["Table"] == "Integrity reports: receipt acknowledged within 7 days"
            and r["Row"] == "Deadline met"
            and r["Year"] == str(YEAR)
        ]
        assert len(met) == 1 and met[0]["Number"] == "20" and met[0]["Unit"] == "count"
