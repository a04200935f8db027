"""The yearly figures: counted from metadata columns, next to the year before."""

from datetime import date, timedelta

from portal.insights import figures, yearly
from tests.insights.helpers import consultation_row, report_row

TODAY = date(2026, 11, 30)


def column(built, table, series, year):
    return built.tables[table].columns[(series, year)]


def test_counts_by_form_quarter_mode_and_source(app):
    with app.app_context():
        for _n in range(7):
            report_row(date(2026, 2, 3), "bullying", mode="named", source="manager")
        report_row(date(2026, 5, 3), "violation", several_forms=True)
        report_row(date(2025, 5, 3), "intimidation")
        for _n in range(3):
            consultation_row(
                date(2026, 8, 1), "discrimination", outcome="referral", referral="police"
            )
        built = figures.build(2026, TODAY)
    by_form = column(built, "by_form", "reports", 2026)
    assert by_form["category:bullying"] == 7 and by_form["track:unwanted"] == 7
    assert by_form["category:violation"] == 1 and by_form["track:integrity"] == 1
    assert by_form["total"] == 8
    assert column(built, "by_form", "reports", 2025)["category:intimidation"] == 1
    assert column(built, "by_quarter", "reports", 2026)["quarter:q1"] == 7
    assert column(built, "by_quarter", "reports", 2026)["quarter:q2"] == 1
    assert column(built, "by_mode", "reports", 2026)["mode:named"] == 7
    assert column(built, "by_source", "reports", 2026)["source:manager"] == 7
    assert column(built, "by_source", "reports", 2026)["source:unknown"] == 1
    assert column(built, "several_forms", "reports", 2026)["several:several"] == 1
    outcomes = column(built, "consultation_outcomes", "consultations", 2026)
    assert (
        outcomes["referral:police"] == 3
        and outcomes["outcome:referral"] == 3
        and outcomes["total"] == 3
    )
    assert column(built, "by_quarter", "consultations", 2026)["quarter:q3"] == 3


def test_first_reply_median_and_no_share_of_the_clock(app):
    with app.app_context():
        received = date(2026, 1, 10)
        for n in range(25):
            report_row(received, "violation", first_contact_on=received + timedelta(days=n % 5))
        built = figures.build(2026, TODAY)
    rates = {(r.key, r.year): r for r in built.rates}
    assert rates[("median_days_to_first_reply", 2026)].value == 2.0
    # The legal clock is counted in tables now (test_deadline_counts.py): a share beside a
    # hidden count of it would give the count away.
    assert not {key for key, _year in rates} & {"acknowledged_in_7_days", "feedback_in_3_months"}


def test_snapshot_publishes_no_count_under_the_threshold(app):
    with app.app_context():
        for n in range(40):
            report_row(date(2026, 1 + n % 12, 1), ["bullying", "aggression", "violation"][n % 3])
        for n in range(23):
            consultation_row(date(2026, 3, 1), ["bullying", "sexual_harassment"][n % 2])
        snap = yearly.snapshot(figures.build(2026, TODAY), 5)
    published = [
        cell["n"]
        for table in snap["tables"]
        for cells in table["cells"]
        for cell in cells
        if cell["n"] is not None
    ]
    assert published and min(published) >= 5
    assert yearly.hidden_cells(snap)


def test_figures_never_read_content_columns(app):
    # Rows with empty, unreadable content still count: only metadata is read.
    with app.app_context():
        for _n in range(6):
            report_row(date(2026, 6, 1), body=b"not even encrypted")
        built = figures.build(2026, TODAY)
    assert column(built, "by_form", "reports", 2026)["total"] == 6


def test_a_total_hidden_in_one_table_is_hidden_in_every_table(app):
    # Four reports in each mode: "< 5" three times and a total of 12 would give each away.
    with app.app_context():
        for mode in ("anonymous", "confidential", "named"):
            for _n in range(4):
                report_row(date(2026, 4, 1), "bullying", mode=mode)
        snap = yearly.snapshot(figures.build(2026, TODAY), 5)
    totals = set()
    for table in snap["tables"]:
        for j, column in enumerate(table["columns"]):
            if (column["series"], column["year"]) == ("reports", 2026):
                total_row = [r["code"] for r in table["rows"]].index("total")
                totals.add(table["cells"][total_row][j]["n"])
    assert totals == {None}


def test_a_track_with_one_form_is_one_row(app):
    # "Online harassment" and "Not sure" have one form each: one row, counted once (issue 23).
    with app.app_context():
        for category in ("unsure", "bullying", "violation", "online_harassment"):
            for _n in range(6):
                report_row(date(2026, 5, 1), category)
        built = figures.build(2026, TODAY)
        snap = yearly.snapshot(built, 5)
    by_form = column(built, "by_form", "reports", 2026)
    assert by_form["track:unsure"] == 6 and by_form["track:online"] == 6
    assert "category:unsure" not in by_form and "category:online_harassment" not in by_form
    assert by_form["total"] == 24
    table = next(t for t in snap["tables"] if t["key"] == "by_form")
    keys = [(row["dimension"], row["code"]) for row in table["rows"]]
    assert len(keys) == len(set(keys))
    rows = figures.table_shapes()["by_form"].rows
    assert sum(by_form[r.key] for r in rows if r.level == 0) == by_form["total"]


def aftercare_case(opened_on: date, done_steps: list[int]):
    """A case row with its step rows (metadata only: the figures never read the content)."""
    from portal.aftercare.models import Case, CaseStep

    case = Case.create(
        uid=f"u{Case.select().count()}",
        reference=f"NA-{Case.select().count()}",
        opened_on=opened_on,
        body=b"sealed",
    )
    for number in range(1, 8):
        status = "done" if number in done_steps else "todo"
        CaseStep.create(case=case, number=number, owner="lead", status=status)
    return case


def test_aftercare_cases_by_the_furthest_step_done(app):
    with app.app_context():
        aftercare_case(date(2026, 3, 1), [1, 2, 3])
        aftercare_case(date(2026, 4, 1), [1, 2, 3])
        aftercare_case(date(2026, 5, 1), [1, 4])
        aftercare_case(date(2026, 6, 1), [])
        aftercare_case(date(2025, 6, 1), [1])
        built = figures.build(2026, TODAY)
    steps = column(built, "aftercare_steps", "aftercare", 2026)
    assert steps["aftercare_step:3"] == 2
    assert steps["aftercare_step:4"] == 1
    assert steps["aftercare_step:0"] == 1
    assert steps["total"] == 4
    assert column(built, "aftercare_steps", "aftercare", 2025)["aftercare_step:1"] == 1
