"""The glue between a posted form and one domain call, written once for every view.

Why this exists: view after view repeated the same dozen lines: validate the form, try the
domain call, turn each of the domain's exceptions into a message (on a field, on the form, or
flashed), then on success flash and redirect (Post/Redirect/Get), else show the form again with
what was typed. Here that glue is one function, so a view only builds its form and says which
domain call to make, what each problem means, what to say when it worked and where to go.

- `submit`: a page with a form; a problem shows the form again with its message.
- `save`: the same after a form the view has checked itself.
- `act`: a button on another page; whatever happens, go back there (problems are flashed).
- The `on_*`, `flashed` and `aborted` helpers say what one domain exception becomes.
- `into` builds the domain's dataclass from the form's fields of the same names.
"""

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from flask import abort, flash, redirect
from wtforms import Field, Form

Handler = Callable[[Exception], None]
Problems = Mapping[type[Exception], Handler]
Message = str | Callable[[Any], str]  # a text, or one made from the exception or the result


def _text(message: Message, value: Any) -> str:
    return message(value) if callable(message) else message


def on_field(field: Field, message: Message) -> Handler:
    """Put the problem's message on a field, next to what the person typed there."""
    return lambda exc: field.errors.append(_text(message, exc))


def on_form(form: Form, message: Message) -> Handler:
    """Put the problem's message on the form as a whole (the error summary shows it)."""
    return lambda exc: form.form_errors.append(_text(message, exc))


def flashed(message: Message, category: str = "error") -> Handler:
    """Flash the problem's message on the page the view redirects to."""
    return lambda exc: flash(_text(message, exc), category)


def aborted(status: int) -> Handler:
    """Answer with an error status: 404 for what is not there (or not for this person), ..."""

    def handler(exc: Exception) -> None:
        abort(status)

    return handler


class Failed:
    """What `attempt` returns when the domain refused: the problem has been answered."""


FAILED = Failed()


def attempt(call: Callable[[], Any], problems: Problems) -> Any:
    """Make the domain call; answer a listed exception with its handler and return FAILED."""
    try:
        return call()
    except tuple(problems) as exc:
        handler = next(h for kind, h in problems.items() if isinstance(exc, kind))
        handler(exc)
        return FAILED


def submit(
    form: Form,
    call: Callable[[], Any],
    problems: Problems,
    *,
    saved: Message,
    then: str | Callable[[Any], str],
    page: Callable[[], Any],
):
    """Run the call when the form validates; on success flash `saved` and redirect to `then`
    (both may be made from the call's result), else show the form's `page` again."""
    if form.validate_on_submit():
        done = save(call, problems, saved=saved, then=then)
        if done is not None:
            return done
    return page()


def save(
    call: Callable[[], Any],
    problems: Problems,
    *,
    saved: Message,
    then: str | Callable[[Any], str],
):
    """Make the call; when it worked, flash `saved` and return the redirect to `then`; when the
    domain refused, return None (its handler has answered). For a view that checks its form
    in more steps than `submit` does."""
    result = attempt(call, problems)
    if result is FAILED:
        return None
    flash(_text(saved, result), "success")
    return redirect(_text(then, result))


def act(call: Callable[[], Any], problems: Problems, *, saved: Message, then: str):
    """Run the call; flash `saved` when it worked, the problem's message when not; go to `then`."""
    result = attempt(call, problems)
    if result is not FAILED:
        flash(_text(saved, result), "success")
    return redirect(then)


def into(cls: type, form: Form) -> Any:
    """Build a domain dataclass from the form's fields of the same names; an optional field
    left empty takes the dataclass's default."""
    values = {}
    for field in dataclasses.fields(cls):
        data = form[field.name].data
        if data or field.default is dataclasses.MISSING:
            values[field.name] = data
    return cls(**values)
