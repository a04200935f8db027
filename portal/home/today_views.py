"""The today page: where each staff person lands after signing in, a section per role."""

from flask import current_app, render_template
from flask_login import current_user

from portal.aftercare import protocol
from portal.core.accounts.roles import Role
from portal.home import today as agenda
from portal.home.blueprint import bp
from portal.platform import clock
from portal.prompts import lookup, schedule
from portal.reports import deadlines, kinds
from portal.web import access


@bp.get("/today")
@access.roles(*agenda.STAFF)
def today():
    """Show what needs me today: a section for each staff role I hold."""
    me, day = current_user, clock.today()
    sections = {}
    if me.has_role(Role.ADVISER):
        sections["adviser"] = agenda.adviser_day(me, day)
    if me.has_role(Role.TEAM_LEAD):
        month = schedule.current_month()
        sections["lead"] = agenda.lead_day(me, day, month, lookup.organisation_prompt(month))
    # HR and administrators confirm the same requests: read once for a person who is both.
    waiting = agenda.waiting_requests(me) if me.has_role(Role.HR, Role.ADMIN) else []
    if me.has_role(Role.HR):
        legal_days = current_app.config["AFTERCARE_LEGAL_HELP_DAYS"]
        sections["hr"] = agenda.hr_day(me, day, legal_days, waiting)
    if me.has_role(Role.ADMIN):
        sections["admin"] = agenda.admin_day(current_app._get_current_object(), waiting)
    return render_template(
        "home/today.html",
        sections=sections,
        today=day,
        now=clock.now(),
        labels=kinds.translated_labels(),
        next_deadline=deadlines.next_deadline,
        scope_label=kinds.consent_scope_label,
        protocol=protocol,
        Role=Role,
    )
