"""Form pieces every area shares."""

from flask import Flask
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectFieldBase
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (a select multiple is hard to use)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ActionForm(FlaskForm):
    """A post that is one button (start, sign out, reset): nothing to fill in but the CSRF token."""


def choice_items(field: SelectFieldBase) -> Markup:
    """Render a radio or checkbox list's items as WTForms would, without a field per option.

    WTForms builds a whole Field object for every option and renders it through its widget;
    on the report form (about forty options) that was most of the page's cost. The markup is
    the same, attribute for attribute (tests/test_forms_rendering.py compares the two).
    """
    if field.render_kw:  # rare: let WTForms merge the extra attributes
        return _choice_items_by_wtforms(field)
    input_type = field.option_widget.input_type
    # html_params sorts attributes: checked, disabled, id, name, required, type, value.
    disabled = " disabled" if getattr(field.flags, "disabled", False) else ""
    required = " required" if getattr(field.flags, "required", False) else ""
    name = escape(field.name)
    parts = []
    for index, choice in enumerate(field.iter_choices()):
        value, label, selected, render_kw = _choice_tuple(choice)
        if render_kw:
            return _choice_items_by_wtforms(field)
        option_id = escape(f"{field.id}-{index}")
        shown = escape(str(value) if value is not None else "")
        checked = " checked" if selected else ""
        parts.append(
            f'<li><input{checked}{disabled} id="{option_id}" name="{name}"{required} '
            f'type="{input_type}" value="{shown}"> '
            f'<label for="{option_id}">{escape(label or value)}</label></li>'
        )
    return Markup("".join(parts))  # noqa: S704 - every value in parts was escaped above


def _choice_tuple(choice) -> tuple:
    if isinstance(choice, tuple):  # an older WTForms yields plain tuples
        value, label, selected, *rest = choice
        return value, label, selected, rest[0] if rest else None
    return choice.value, choice.label, choice.selected, choice.render_kw


def _choice_items_by_wtforms(field: SelectFieldBase) -> Markup:
    items = (f"<li>{option()} {option.label()}</li>" for option in field)
    return Markup("".join(items))  # noqa: S704 - WTForms' widgets return escaped markup


def init_app(app: Flask) -> None:
    app.jinja_env.globals["choice_items"] = choice_items


# --- Field factories ----------------------------------------------------------------------------
# One declaration for a field that several forms ask in the same way: each form keeps its own
# label and hint, the limit and the validators are the same everywhere.

# A select whose every option is a real answer (no empty first line): one is always chosen,
# so HTML's `required` says nothing there, and the W3C checker refuses it without an empty
# first option. The field's own validator still refuses a missing value.
ALWAYS_CHOSEN = {"required": False}

LINE = 500  # characters in a one-line answer: a place, a name, a handle, a reference
LINK = 2000  # characters in the web address of a post or a page


def line_field(label: str, description: str = "") -> StringField:
    """Return an optional one-line answer of at most LINE characters."""
    return StringField(label, validators=[Length(max=LINE)], description=description)


def link_field(label: str, description: str) -> StringField:
    """Return an optional field for the web address (URL) of a post or a page."""
    return StringField(label, validators=[Length(max=LINK)], description=description)


def text_field(label: str, max_length: int, rows: int, description: str = "") -> TextAreaField:
    """Return an optional text of at most max_length characters, its box rows lines high."""
    return TextAreaField(
        label,
        validators=[Length(max=max_length)],
        description=description,
        render_kw={"rows": rows},
    )
