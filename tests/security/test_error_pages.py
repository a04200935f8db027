"""Error pages in the person's language that never show internals."""

import logging

import pytest
from flask import abort
from peewee import OperationalError

from portal.web import access


@pytest.fixture
def failing_app(app):
    app.config["TESTING"] = False  # let the error handler answer instead of re-raising
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/boom")
    @access.public
    def boom():
        raise ValueError("secret report text that must never show")

    @app.route("/locked")
    @access.public
    def locked():
        raise OperationalError("database is locked")

    @app.route("/status/<int:code>")
    @access.public
    def status(code):
        abort(code)

    return app


@pytest.mark.parametrize(
    ("code", "dutch", "english"),
    [
        (400, "niet worden verwerkt", "could not be handled"),
        (403, "Geen toegang", "No access"),
        (404, "Pagina niet gevonden", "Page not found"),
        (413, "Te groot", "Too large"),
        (429, "Te veel pogingen", "Too many attempts"),
    ],
)
def test_error_pages_speak_both_languages(failing_app, code, dutch, english):
    client = failing_app.test_client()
    path = "/does-not-exist" if code == 404 else f"/status/{code}"
    response = client.get(path)
    assert response.status_code == code
    assert dutch in response.get_data(as_text=True)
    client.post("/language", data={"locale": "en"})
    page = client.get(path).get_data(as_text=True)
    assert english in page and '<html lang="en">' in page


def test_500_page_shows_no_internals_and_the_log_no_content(failing_app, caplog):
    client = failing_app.test_client()
    with caplog.at_level(logging.DEBUG):
        response = client.get("/boom")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Er ging iets mis" in page
    assert "secret report text" not in page and "Traceback" not in page and "ValueError" not in page
    assert "ValueError" in caplog.text  # where it failed is logged...
    assert "secret report text" not in caplog.text  # ...but never the message


def test_a_locked_database_is_named_in_the_log(failing_app, caplog):
    with caplog.at_level(logging.DEBUG):
        assert failing_app.test_client().get("/locked").status_code == 500
    assert "OperationalError (database is locked) at " in caplog.text


def test_oversized_request_gets_413(failing_app):
    failing_app.config["MAX_CONTENT_LENGTH"] = 1000
    response = failing_app.test_client().post("/sign-in", data={"email": "x" * 5000})
    assert response.status_code == 413
    assert "Te groot" in response.get_data(as_text=True)
