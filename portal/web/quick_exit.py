"""The quick exit: leave at once for a neutral page, and take along everything on screen.

Leaving ends what this browser holds: the signed-in session (its server-side record is
revoked), a report or a record opened by its code (its server half is deleted, so a copy of
the cookie opens nothing), a report being written, and the cookie session itself (the
cookie is deleted). Each area says what it holds through `forget_on_exit`, so this layer
needs to know none of them.
"""

from collections.abc import Callable

from flask import Blueprint, current_app, session

from portal.core.accounts import sessions

EXTENSION = "quick_exit_forgetters"
# The header static/js/portal.js sends when it ends the session before leaving by itself.
SCRIPT_HEADER = "X-Quick-Exit"


def forget_on_exit(bp: Blueprint, forget: Callable[[], None]) -> None:
    """Have the quick exit call `forget` (in a request) in every app this blueprint joins."""
    bp.record_once(lambda state: state.app.extensions.setdefault(EXTENSION, []).append(forget))


def leave() -> None:
    """End everything this browser holds open, then empty its cookie session."""
    for forget in current_app.extensions.get(EXTENSION, []):
        forget()
    sessions.sign_out()
    # Nothing kept, not even the language: the cookie is deleted, so it changes (the browser's
    # back-forward cache drops the pages it kept of this site) and says nothing afterwards.
    session.clear()


def target() -> str:
    """Return the neutral address to leave for."""
    return current_app.config["QUICK_EXIT_URL"]
