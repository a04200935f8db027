"""Vertrouwd: an on-premise portal that keeps people safe from unwanted behaviour at work."""

from flask import Flask

from portal.settings import RESOURCES


def create_app(config: dict | None = None) -> Flask:
    """Build the portal: settings, database, extensions, security and blueprints."""
    from portal import (
        access,
        areas,
        database,
        errors,
        field_rendering,
        forms,
        i18n,
        navigation,
        pages,
        security,
        settings,
    )
    from portal.accounts import sessions
    from portal.audit import log as audit_log
    from portal.auth import trusted_header
    from portal.extensions import csrf, htmx

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
    access.init_app(app)
    errors.init_app(app)
    navigation.init_app(app)
    forms.init_app(app)
    field_rendering.init_app(app)
    pages.init_app(app)

    areas.register_all(app)
    return app
