"""The roles a person can hold; one person may hold several."""

from enum import StrEnum

from portal.platform.i18n import lazy_gettext as _l


class Role(StrEnum):
    EMPLOYEE = "employee"
    TEAM_LEAD = "team_lead"
    ADVISER = "adviser"
    HR = "hr"
    ADMIN = "admin"
    MANAGEMENT = "management"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.EMPLOYEE: _l("Employee"),
    Role.TEAM_LEAD: _l("Team lead"),
    Role.ADVISER: _l("Confidential adviser"),
    Role.HR: _l("HR"),
    Role.ADMIN: _l("Administrator"),
    Role.MANAGEMENT: _l("Management"),
}


def in_order(roles) -> list[Role]:
    """Return roles in the one order every page lists them: the order of Role."""
    order = list(Role)
    return sorted({Role(role) for role in roles}, key=order.index)


def with_roles(name: str, roles) -> str:
    """Write a person's name with the roles in which they are offered, "Name (HR)"."""
    labels = [str(ROLE_LABELS[role]) for role in in_order(roles)]
    return f"{name} ({', '.join(labels)})" if labels else name


def only_management(roles: frozenset[Role]) -> bool:
    """Tell whether these roles are management and nothing else (the yearly report only)."""
    return Role.MANAGEMENT in roles and roles <= {Role.MANAGEMENT}
