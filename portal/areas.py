"""The portal's areas: each is a package whose blueprint.py holds its blueprint (or two).

An area's view modules import its blueprint and add routes to it; nothing imports a view
module except create_app, through this list. A new area adds one line here.
"""

from importlib import import_module

from flask import Flask

# (area, its view modules), in registration order.
AREAS: list[tuple[str, tuple[str, ...]]] = [
    ("home", ("views", "today_views")),
    ("auth", ("views", "oidc_views")),
    ("admin", ("views",)),
    ("guide", ("views",)),
    ("advisers", ("views",)),
    ("prompts", ("views", "hr_views")),
    ("reports", ("views", "receipt_views", "conversation_views")),
    (
        "followup",
        ("views", "choices", "contact_views", "notice_views", "handover_views", "summary_views"),
    ),
    (
        "triage",
        (
            "views",
            "sharing_views",
            "contact_views",
            "conversation_views",
            "colleagues",
            "correction_views",
        ),
    ),
    ("consent", ("views",)),
    ("aftercare", ("views", "step_views", "page_views", "policy_views", "request_views")),
    ("insights", ("views", "draft_views", "activity_views")),
    ("record", ("views", "key_views", "report_views", "code_views", "code_door")),
    ("pulse", ("views",)),
    ("prevention", ("views",)),
    ("together", ("views", "adviser_views")),
]


def register_all(app: Flask) -> None:
    """Import every area's view modules, then register its blueprint."""
    for area, view_modules in AREAS:
        for module in view_modules:
            import_module(f"portal.{area}.{module}")
        blueprints = import_module(f"portal.{area}.blueprint")
        # An area with two doors to the same pages (record) names both; most have one.
        for bp in getattr(blueprints, "BLUEPRINTS", (blueprints.bp,)):
            app.register_blueprint(bp)
