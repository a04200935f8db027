"""Vertrouwd: an on-premise portal that keeps people safe from unwanted behaviour at work."""

from flask import Flask

from portal.platform.settings import RESOURCES


def create_app(config: dict | None = None) -> Flask:
    """Build the portal: settings, database, extensions, security and blueprints."""
    from portal import areas
    from portal.auth import oidc, trusted_header
    from portal.core.accounts import sessions
    from portal.core.audit import log as audit_log
    from portal.platform import database, i18n, settings
    from portal.platform.extensions import csrf, htmx
    from portal.web import access, errors, field_rendering, forms, navigation, pages, security

    app = Flask(
        __name__,
        template_folder=str(RESOURCES / "templates"),
        static_folder=str(RESOURCES / "static"),
        instance_path=settings.instance_path(config),
        instance_relative_config=False,
    )
    settings.load(app, config)
    app.jinja_env.add_extension("jinja2.ext.do")

    database.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    i18n.init_app(app)
    sessions.init_app(app)
    audit_log.init_app(app)
    security.init_app(app)
    trusted_header.init_app(app)  # before access: it may sign the person in
    oidc.init_app(app)
    access.init_app(app)
    errors.init_app(app)
    navigation.init_app(app)
    forms.init_app(app)
    field_rendering.init_app(app)
    pages.init_app(app)

    areas.register_all(app)
    return app
