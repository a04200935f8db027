"""The home page that leads each role to what it came for, the language switch and the
quick exit."""

from dataclasses import dataclass

from flask import current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from portal.home.blueprint import bp
from portal.home.forms import LanguageForm
from portal.platform import clock
from portal.platform.extensions import csrf
from portal.platform.i18n import lazy_gettext as _l
from portal.triage import inbox
from portal.web import access, quick_exit
from portal.web.navigation import may_open
from portal.web.redirects import safe_next


@dataclass(frozen=True)
class Tile:
    endpoint: str
    title: object
    text: object
    slug: str = ""  # a guide page's tile: the page it opens

    @property
    def url(self) -> str:
        return url_for(self.endpoint, slug=self.slug) if self.slug else url_for(self.endpoint)


# What each visitor came for, most urgent first; a tile shows when its page exists and admits them.
TILES = [
    Tile(
        "reports.start",
        _l("Report"),
        _l("Tell a confidential adviser what happened: anonymously, confidentially or by name."),
    ),
    Tile(
        "reports.conversation_request",
        _l("Ask for a conversation"),
        _l(
            "Talk to an adviser first, or ask a question, in person if you like. This is not a report."
        ),
    ),
    Tile(
        "together.index",
        _l("Report together"),
        _l(
            "Afraid you are the only one? Your report waits, unread, until someone else names the same person."
        ),
    ),
    Tile(
        "guide.index",
        _l("Guide"),
        _l("Find out whether what happens to you is unwanted behaviour, and what you can do."),
    ),
    Tile(
        "advisers.directory",
        _l("Confidential advisers"),
        _l("See who they are and choose the one you trust. The choice is yours."),
    ),
    Tile(
        "aftercare.ask",
        _l("Ask for aftercare"),
        _l("Harassed online because of your work? Ask your team lead or HR for help."),
    ),
    Tile(
        "guide.page",
        _l("Look yourself up"),
        _l("What can others find about you online? Look, and shield what you can."),
        "look-yourself-up",
    ),
    Tile(
        "followup.my_reports",
        _l("My reports"),
        _l("Follow up on what you reported and read the replies."),
    ),
    Tile(
        "followup.open",
        _l("Follow up with a receipt code"),
        _l("Open a report you filed without an account."),
    ),
    Tile(
        "record.index",
        _l("My record"),
        _l("Keep a private timeline of what happened, only for you."),
    ),
    Tile(
        "record_code.start_page",
        _l("A record with a code"),
        _l("Keep a private timeline without an account, opened by a record code."),
    ),
    Tile(
        "pulse.answer",
        _l("Team pulse"),
        _l("Five short questions a month on how safe your team feels. Nobody sees your answers."),
    ),
    Tile(
        "prompts.this_month",
        _l("This month's team prompt"),
        _l("Open the discussion prompt for your team meeting."),
    ),
    Tile(
        "pulse.overview",
        _l("Team pulse results"),
        _l("How safe your teams feel, month by month; never per person."),
    ),
    Tile("triage.inbox", _l("Inbox"), _l("Reports addressed to you, with their deadlines.")),
    Tile(
        "aftercare.index",
        _l("Aftercare"),
        _l("Follow the protocol when a staff member is harassed online."),
    ),
    Tile(
        "together.advisers",
        _l("Report together: matching"),
        _l("Hold and give on the secret that matches held reports. You never see them."),
    ),
    Tile("insights.index", _l("Insights"), _l("Trends and coverage, without identities.")),
    Tile(
        "consent.shared_with_me",
        _l("Shared with me"),
        _l("Summaries a reporter consented to share with you."),
    ),
    Tile(
        "prompts.coverage",
        _l("Team-meeting coverage"),
        _l("Which teams discussed this month's prompt."),
    ),
    Tile(
        "prevention.register",
        _l("Prevention measures"),
        _l("The plan of action, and the proof for the inspection."),
    ),
    Tile("prompts.schedule_page", _l("Prompt schedule"), _l("Choose the prompt for each month.")),
    Tile(
        "advisers.manage",
        _l("Manage advisers"),
        _l("Keep the directory of confidential advisers current."),
    ),
    Tile(
        "guide.manage",
        _l("Edit the guide"),
        _l("Keep the guide pages current, in Dutch and English."),
    ),
    Tile("admin.people", _l("People"), _l("Create accounts, give roles and deactivate.")),
    Tile("admin.teams", _l("Teams"), _l("Make teams and give them a lead.")),
]


def tiles_for_visitor() -> list[Tile]:
    """Return the tiles of pages that exist and that this visitor may open."""
    return [t for t in TILES if t.endpoint in current_app.view_functions and may_open(t.endpoint)]


@bp.get("/")
@access.public
def index():
    """Show the home page."""
    counters = None
    if may_open("triage.inbox") and current_user.has_role(Role.ADVISER):
        counters = inbox.counters(current_user, clock.today())
    return render_template("home/index.html", tiles=tiles_for_visitor(), counters=counters)


@bp.post("/language")
@access.public
def set_language():
    """Switch the interface language and go back to the page the person was on."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            Person.update(locale=form.locale.data).where(Person.id == current_user.id).execute()
    return redirect(safe_next(form.next.data, url_for("home.index")))


@bp.post("/exit")
@access.public
@csrf.exempt  # leaving must never fail: an expired page still leaves, and nothing is changed
def leave():
    """End everything this browser holds and leave for a neutral page (the quick exit)."""
    quick_exit.leave()
    if request.headers.get(quick_exit.SCRIPT_HEADER):
        return "", 204  # the script leaves by itself, replacing the page in the history
    return redirect(quick_exit.target(), code=303)
