"""Report together's pages: holding, the writer's page, withdrawing, going on after a match,
the advisers' page; every limit of #25 item 4; who is refused."""

from datetime import timedelta

import pytest

from portal.core.accounts import keyring
from portal.core.accounts.roles import Role
from portal.platform import clock
from portal.platform.clock import today
from portal.reports.models import Report, ReportKey
from portal.together import holding, matching
from portal.together.models import HeldReport
from tests.conftest import make_adviser, make_person, sign_in, sign_in_fully, signed_in_client
from tests.factories import in_english
from tests.together.conftest import hold_about, key_of, writer


@pytest.fixture
def world(app):
    """An adviser holding the secret, three writers, a named person; ids only."""
    with app.app_context():
        adviser = make_adviser()
        matching.set_up(adviser, key_of(adviser), today())
        people = {
            "adviser": adviser,
            "anna": writer("anna@example.test", "Anna Visser"),
            "bram": writer("bram@example.test", "Bram Peters"),
            "named": make_person(email="boss@example.test", name="Hendrik Boss"),
            "other": make_person(email="other@example.test", name="Ingrid Other"),
        }
    return people


def form(world, about="named", **extra):
    return {
        "about": world[about].id,
        "category": "intimidation",
        "what": "He shouts at me in every meeting.",
        "adviser": world["adviser"].id,
        "contact_name": "Anna",
        "contact_email": "anna@example.test",
        "contact_phone": "",
        **extra,
    }


def test_a_writer_holds_a_report_and_sees_it_waiting(client, world):
    sign_in(client, "anna@example.test")
    in_english(client)
    page = client.get("/together/new")
    assert page.status_code == 200 and "Hendrik Boss" in page.text
    assert "Anna Visser" not in page.text.split('name="about"')[1].split("</select>")[0]
    done = client.post("/together/new", data=form(world), follow_redirects=True)
    assert "About Hendrik Boss" in done.text and "No match yet" in done.text
    assert HeldReport.select().count() == 1


def test_a_missing_choice_keeps_what_was_typed(client, world):
    sign_in(client, "anna@example.test")
    in_english(client)
    page = client.post("/together/new", data=form(world) | {"about": 0})
    assert page.status_code == 200
    assert "Choose the person it is about." in page.text
    assert "He shouts at me in every meeting." in page.text
    assert HeldReport.select().count() == 0


def test_someone_outside_the_directory_cannot_be_named(client, world, app):
    sign_in(client, "anna@example.test")
    in_english(client)
    page = client.post("/together/new", data=form(world) | {"about": 99999})
    assert page.status_code == 200 and HeldReport.select().count() == 0
    # Nor oneself.
    page = client.post("/together/new", data=form(world, about="anna"))
    assert HeldReport.select().count() == 0


def test_one_held_report_per_writer_per_person(client, world):
    sign_in(client, "anna@example.test")
    in_english(client)
    client.post("/together/new", data=form(world))
    again = client.post("/together/new", data=form(world))
    assert "You already hold a report about this person" in again.text
    assert HeldReport.select().count() == 1


def test_at_most_the_configured_number_at_once(client, world, app):
    app.config["TOGETHER_MAX_HELD"] = 1
    sign_in(client, "anna@example.test")
    in_english(client)
    client.post("/together/new", data=form(world))
    refused = client.post("/together/new", data=form(world, about="other"))
    assert "the most at once" in refused.text and HeldReport.select().count() == 1


def test_a_writer_never_matches_themselves(app, world):
    with app.app_context():
        anna = world["anna"]
        hold_about(anna, world["named"], world["adviser"])
        # Past the page's limit (a second row made directly): one writer's mark counts once.
        row = HeldReport.get()
        hold_about(anna, world["other"], world["adviser"])
        second = HeldReport.get(HeldReport.id != row.id)
        second.pending = HeldReport.get(HeldReport.id == row.id).pending
        second.save()
        matching.check_held(world["adviser"], key_of(world["adviser"]), today())
        assert HeldReport.select().where(HeldReport.matched_on.is_null(False)).count() == 0


def test_withdrawing_deletes_the_held_report(client, world):
    sign_in(client, "anna@example.test")
    in_english(client)
    client.post("/together/new", data=form(world))
    reference = HeldReport.get().uid[:10]
    done = client.post(f"/together/held/{reference}/withdraw", follow_redirects=True)
    assert "withdrawn and deleted" in done.text and HeldReport.select().count() == 0


def test_another_writer_cannot_see_or_withdraw_it(client, world):
    sign_in(client, "anna@example.test")
    in_english(client)
    client.post("/together/new", data=form(world))
    reference = HeldReport.get().uid[:10]
    client.post("/sign-out")
    sign_in(client, "bram@example.test")
    in_english(client)
    assert "Hendrik Boss" not in client.get("/together/").text
    assert client.post(f"/together/held/{reference}/withdraw").status_code == 404
    assert client.get(f"/together/held/{reference}/go-on").status_code == 404
    assert HeldReport.select().count() == 1


def test_a_held_report_expires_after_a_warning(client, world, app, monkeypatch):
    app.config["TOGETHER_HOLD_DAYS"] = 40
    app.config["TOGETHER_WARN_DAYS"] = 10
    sign_in(client, "anna@example.test")
    in_english(client)
    client.post("/together/new", data=form(world))
    assert "deleted on" in client.get("/together/").text
    assert "Write it again after that" not in client.get("/together/").text
    start = today()
    monkeypatch.setattr(clock, "today", lambda: start + timedelta(days=35))
    assert "Write it again after that" in client.get("/together/").text
    monkeypatch.setattr(clock, "today", lambda: start + timedelta(days=41))
    assert "You hold no reports." in client.get("/together/").text
    assert HeldReport.select().count() == 1  # a page only reads; the next write deletes it
    client.post("/together/new", data=form(world, about="other"))
    assert [h.body["about"] for h in holding.mine(key_of(world["anna"]), clock.today())] == [
        world["other"].id
    ]
    assert HeldReport.select().count() == 1


def test_after_a_match_each_writer_goes_on_to_their_own_adviser(app, client, world):
    with app.app_context():
        second = make_adviser(email="kofi@example.test", name="Kofi Mensah")
        hold_about(world["anna"], world["named"], world["adviser"])
        hold_about(world["bram"], world["named"], second)
    sign_in_fully(client, world["adviser"])  # the sign-in matches
    in_english(client)
    client.post("/sign-out")
    sign_in(client, "anna@example.test")
    in_english(client)
    page = client.get("/together/")
    assert "There is a match." in page.text
    with app.app_context():
        reference = holding.mine(key_of(world["anna"]), today())[0].reference
    confirm = client.get(f"/together/held/{reference}/go-on")
    assert "Marieke Jansen" in confirm.text
    done = client.post(
        f"/together/held/{reference}/go-on",
        data={"contact_name": "Anna V.", "contact_email": "", "contact_phone": "06 1234 5678"},
        follow_redirects=True,
    )
    assert "Your report is with the adviser you chose" in done.text
    report = Report.get()
    assert report.mode == "confidential"
    readers = [k.person_id for k in ReportKey.select().where(ReportKey.report == report)]
    assert readers == [world["adviser"].id]  # only her own adviser, not Kofi
    assert HeldReport.select().count() == 1  # Bram's still waits for his decision


def test_going_on_without_a_match_is_refused(client, world):
    sign_in(client, "anna@example.test")
    in_english(client)
    client.post("/together/new", data=form(world))
    reference = HeldReport.get().uid[:10]
    assert client.get(f"/together/held/{reference}/go-on").status_code == 404
    assert client.post(f"/together/held/{reference}/go-on", data={}).status_code == 404
    assert Report.select().count() == 0


def test_no_page_shows_a_count_of_held_reports(client, world, app):
    with app.app_context():
        for name in ("anna", "bram"):
            hold_about(
                world[name], world["other"] if name == "bram" else world["named"], world["adviser"]
            )
    sign_in_fully(client, world["adviser"])
    in_english(client)
    page = client.get("/together/advisers")
    assert page.status_code == 200 and "You hold the matching secret" in page.text
    for word in ("Hendrik Boss", "Ingrid Other", "Anna", "Bram", "held reports: 2", ">2<"):
        assert word not in page.text
    done = client.post("/together/advisers/check", follow_redirects=True)
    assert "Held reports are matched" in done.text and ">2<" not in done.text


def test_an_adviser_gives_the_secret_after_typing_the_check_code(client, world, app):
    with app.app_context():
        other = make_adviser(email="kofi@example.test", name="Kofi Mensah")
        code = keyring.check_code_of(other.id)
    sign_in_fully(client, world["adviser"])
    in_english(client)
    wrong = client.post("/together/advisers/give", data={"adviser": other.id, "check_code": "1"})
    assert wrong.status_code == 400 and "not the code on their screen" in wrong.text
    done = client.post(
        "/together/advisers/give",
        data={"adviser": other.id, "check_code": code},
        follow_redirects=True,
    )
    assert "Kofi Mensah now holds the matching secret" in done.text
    with app.app_context():
        assert matching.holds(other)


@pytest.mark.parametrize(
    "roles", [(Role.ADMIN,), (Role.HR,), (Role.MANAGEMENT,), (Role.TEAM_LEAD,)]
)
def test_the_advisers_page_is_for_advisers(client, world, roles):
    signed_in_client(client, roles, email="someone-else@example.test")
    in_english(client)
    assert client.get("/together/advisers").status_code == 403
    assert client.post("/together/advisers/check").status_code == 403
    assert client.post("/together/advisers/set-up").status_code == 403


@pytest.mark.parametrize("roles", [(Role.ADMIN,), (Role.MANAGEMENT,)])
def test_the_writers_pages_are_for_employees(client, world, roles):
    signed_in_client(client, roles, email="someone-else@example.test")
    in_english(client)
    assert client.get("/together/").status_code == 403
    assert client.get("/together/new").status_code == 403


def test_before_set_up_the_page_says_so_and_nothing_is_held(app, client):
    with app.app_context():
        writer("anna@example.test", "Anna Visser")
        make_person(email="boss@example.test", name="Hendrik Boss")
    sign_in(client, "anna@example.test")
    in_english(client)
    assert "not set up yet" in client.get("/together/").text
    assert "not set up yet" in client.get("/together/new").text


def test_the_adviser_reads_the_report_that_went_on(app, client, world):
    with app.app_context():
        hold_about(world["anna"], world["named"], world["adviser"])
        hold_about(world["bram"], world["named"], world["adviser"])
        matching.check_held(world["adviser"], key_of(world["adviser"]), today())
        held = holding.mine(key_of(world["anna"]), today())[0]
        filed = holding.go_on(key_of(world["anna"]), held.reference, today(), 5)
    sign_in_fully(client, world["adviser"])
    in_english(client)
    page = client.get(f"/inbox/{filed.report.reference}")
    assert page.status_code == 200, page.status_code
    assert "He shouts at me in every meeting." in page.text and "Hendrik Boss" in page.text
    assert "held, unread, until someone else named the same person" in page.text


def pages_of(client, paths):
    """The pages as a person reads them, without the per-request tokens."""
    import re

    texts = {}
    for path in paths:
        page = client.get(path)
        assert page.status_code == 200, path
        texts[path] = re.sub(r'(nonce|value|X-CSRFToken)("?)[=:] ?"[^"]*"', "", page.text)
    return texts


def test_held_and_matched_reports_change_no_other_page(app, client, world):
    """Counts of held reports never appear, not even in the yearly figures: every page the
    adviser reads looks the same before and after reports are held and matched."""
    paths = ["/", "/today", "/inbox/", "/insights/", "/together/advisers"]
    sign_in_fully(client, world["adviser"])
    in_english(client)
    before = pages_of(client, paths)
    with app.app_context():
        hold_about(world["anna"], world["named"], world["adviser"])
        hold_about(world["bram"], world["named"], world["adviser"])
        hold_about(world["bram"], world["other"], world["adviser"])
    client.post("/together/advisers/check", follow_redirects=True)  # its message read there
    with app.app_context():
        assert HeldReport.select().where(HeldReport.matched_on.is_null(False)).count() == 2
    assert pages_of(client, paths) == before


def test_entries_from_the_record_go_with_the_held_report(app, client, world):
    from portal.record import entries, starts
    from tests.record.test_entries import content

    with app.app_context():
        anna_key = key_of(world["anna"])
        opened = starts.find_or_start(keyring.public_key_of(world["anna"].id), anna_key)
        uid = entries.add_entry(opened, content("Pushed me against the wall"), [], today())
    sign_in(client, "anna@example.test")
    in_english(client)
    page = client.get("/together/new")
    assert "Pushed me against the wall" in page.text
    client.post("/together/new", data=form(world) | {"entries": [uid]})
    with app.app_context():
        hold_about(world["bram"], world["named"], world["adviser"])
        matching.check_held(world["adviser"], key_of(world["adviser"]), today())
        held = holding.mine(anna_key, today())[0]
        assert held.body["record_entries"][0]["description"] == "Pushed me against the wall"
        filed = holding.go_on(anna_key, held.reference, today(), 5)
    client.post("/sign-out")
    sign_in_fully(client, world["adviser"])
    in_english(client)
    page = client.get(f"/inbox/{filed.report.reference}")
    assert "Pushed me against the wall" in page.text and "From my record" in page.text


def test_the_daily_retention_run_deletes_expired_held_reports(app, world):
    from portal.ops import retention

    with app.app_context():
        hold_about(world["anna"], world["named"], world["adviser"])
        expires = HeldReport.get().expires_on
        retention.run(expires, 12, 60)
        assert HeldReport.select().count() == 1  # its last day
        outcome = retention.run(expires + timedelta(days=1), 12, 60)
        assert HeldReport.select().count() == 0
        assert outcome.drafts_purged == 0  # and it is counted nowhere
