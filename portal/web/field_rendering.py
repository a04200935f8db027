"""Form fields written straight into HTML: the same markup as WTForms and _forms.html, cheaper.

A form page renders every field on every request. WTForms builds each input through
`html_params` (a Markup format call per attribute) after walking `dir()` of the field's flags,
and the `field` macro of _forms.html adds a Jinja macro call, a label widget and several
escapes per field. A page full of the person's own answers should cost what an empty one
costs, so the common inputs (text, e-mail, phone, hidden and the like, dates and numbers with
their limits, textareas and selects) are written here with plain string building, attribute
for attribute what WTForms writes (tests/test_forms_rendering.py renders every field of every
form both ways and compares). Anything less common (checkboxes, passwords, option groups)
still goes through WTForms' own widgets.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from flask import Flask
from markupsafe import Markup, escape
from wtforms import widgets
from wtforms.fields import Field
from wtforms.meta import DefaultMeta
from wtforms.widgets import Select, TextArea
from wtforms.widgets.core import clean_key

from portal.web.forms import choice_items


def _inputs_called_by(call) -> frozenset:
    """The input widgets of WTForms whose __call__ is this one (their own or inherited)."""
    return frozenset(
        kind
        for kind in vars(widgets).values()
        if isinstance(kind, type) and issubclass(kind, widgets.Input) and kind.__call__ is call
    )


# Widgets whose __call__ is Input's own (text, e-mail, phone, search, hidden...): the value
# from the field, the flags as attributes. Date and number inputs first add their limits, as
# their own __call__ does, file inputs their "multiple". The others (password, checkbox,
# radio, submit) are left to WTForms.
PLAIN_INPUTS = _inputs_called_by(widgets.Input.__call__)
DATE_INPUTS = _inputs_called_by(widgets.DateInput.__call__)
NUMBER_INPUTS = _inputs_called_by(widgets.NumberInput.__call__)
FILE_INPUTS = _inputs_called_by(widgets.FileInput.__call__)
FAST_OTHERS = DATE_INPUTS | NUMBER_INPUTS | FILE_INPUTS | {TextArea, Select}
CHOICE_TYPES = ("SelectMultipleField", "CheckboxesField", "RadioField")
_wtforms_render_field = DefaultMeta.render_field


def attributes(values: dict) -> str:
    """Write HTML attributes as WTForms' html_params does: sorted, True bare, False left out."""
    parts = []
    for key, value in sorted(values.items()):
        if value is True:
            parts.append(clean_key(key))
        elif value is not False:
            text = str(escape(value)).replace('"', "&quot;")
            parts.append(f'{clean_key(key)}="{text}"')
    return " ".join(parts)


def _with_flags(field: Field, widget, values: dict) -> dict:
    """Add the field's validation flags (required, maxlength, ...) the widget shows."""
    flags = vars(field.flags)
    for name in widget.validation_attrs:
        if name in flags and name not in values:
            value = flags[name]
            values[name] = value() if callable(value) else value
    return values


def render_field(meta: DefaultMeta, field: Field, render_kw: dict) -> Markup:
    """WTForms' render_field hook: plain inputs and textareas here, the rest by their widget."""
    widget = field.widget
    kind = type(widget)
    if kind not in PLAIN_INPUTS and kind not in FAST_OTHERS:
        return _wtforms_render_field(meta, field, render_kw)
    # As WTForms' render_field: the field's own render_kw, overridden by what the call gives.
    values = {clean_key(k): v for k, v in (field.render_kw or {}).items()}
    values.update((clean_key(k), v) for k, v in render_kw.items())
    values.setdefault("id", field.id)
    if kind is Select:
        return _select(meta, field, render_kw, values) or _wtforms_render_field(
            meta, field, render_kw
        )
    if kind is TextArea:
        _with_flags(field, widget, values)
        values["name"] = field.name
        inner = escape(field._value())
        return Markup(f"<textarea {attributes(values)}>\r\n{inner}</textarea>")  # noqa: S704
    if getattr(field, "_datalist", None) is not None:
        return _wtforms_render_field(meta, field, render_kw)
    if kind in DATE_INPUTS:
        _date_limits(field, values)
    elif kind in NUMBER_INPUTS:
        for name in ("step", "min", "max"):
            if getattr(widget, name) is not None:
                values.setdefault(name, getattr(widget, name))
    elif kind in FILE_INPUTS:
        values["value"] = False  # a browser ignores it: WTForms writes none
        if widget.multiple:
            values["multiple"] = True
    values.setdefault("type", widget.input_type)
    if "value" not in values:
        values["value"] = field._value()
    _with_flags(field, widget, values)
    values["name"] = field.name
    return Markup(f"<input {attributes(values)}>")  # noqa: S704 - attributes() escapes


def _date_limits(field: Field, values: dict) -> None:
    """Write a date input's min and max in the field's format, as its widget does."""
    written = getattr(field, "format", None)
    if written is None:
        return
    written = written[0] if isinstance(written, list) else written
    flags = vars(field.flags)
    for name in ("min", "max"):
        value = values.get(name, flags.get(name))
        if callable(value):
            value = value()
        if hasattr(value, "strftime"):
            values[name] = value.strftime(written)


def _select(meta: DefaultMeta, field: Field, render_kw: dict, values: dict) -> Markup | None:
    """A select without option groups or per-option attributes; None to leave it to WTForms."""
    if field.has_groups():
        return None
    if field.widget.multiple:
        values["multiple"] = True
    _with_flags(field, field.widget, values)
    values["name"] = field.name
    options = []
    for choice in field._iter_choices_normalized():  # what WTForms' Select walks too
        if choice.render_kw:
            return None
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        shown = {"value": value, "selected": True} if choice.selected else {"value": value}
        label = escape(choice.label or choice.value)
        options.append(f"<option {attributes(shown)}>{label}</option>")
    return Markup(f"<select {attributes(values)}>{''.join(options)}</select>")  # noqa: S704


def _label(field: Field) -> str:
    """The field's label, as WTForms' Label writes it."""
    return f'<label for="{escape(field.id)}">{escape(field.label.text)}</label>'


def _hint(field: Field) -> str:
    return f'<p class="hint" id="{field.id}-hint">{escape(field.description)}</p>'


def _error(field: Field) -> str:
    text = escape(" ".join(str(message) for message in field.errors))
    return f'<p class="field-error" id="{field.id}-error">{text}</p>'


def field_html(field: Field, css_class: str = "", **given: str) -> Markup:
    """A labelled field with its hint and error message, linked for screen readers.

    Radio and checkbox lists are a fieldset with a legend; a single checkbox has its label
    after it; every other field has its label before it and is marked invalid on an error.
    """
    css_class = given.get("class", css_class)  # templates write field(f, class="...")
    described = []
    if field.description:
        described.append(f"{field.id}-hint")
    if field.errors:
        described.append(f"{field.id}-error")
    hint = _hint(field) if field.description else ""
    error = _error(field) if field.errors else ""
    attrs = {"aria-describedby": " ".join(described)} if described else {}
    if field.type in CHOICE_TYPES:
        described_by = f' aria-describedby="{attrs["aria-describedby"]}"' if described else ""
        inner = (
            f'<fieldset id="{field.id}"{described_by}><legend>{escape(field.label.text)}</legend>'
            f'{hint}{error}<ul class="choices">{choice_items(field)}</ul></fieldset>'
        )
    elif field.type == "BooleanField":
        inner = f'<div class="check">{field(**attrs)} {_label(field)}</div>{hint}{error}'
    else:
        if field.errors:
            attrs["aria-invalid"] = "true"
        inner = f"{_label(field)}{hint}{error}{field(**attrs)}"
    state = " field--error" if field.errors else ""
    return Markup(f'<div class="field{state} {escape(css_class)}">{inner}</div>')  # noqa: S704


@dataclass(frozen=True)
class ChoiceList:
    """Radio buttons or checkboxes written once, to be kept per language (portal/platform/published.py):
    each item's markup before and after the place where `checked` goes.

    The report form shows some eighty of them (the kinds, the modes, every adviser twice); a
    request then only marks the chosen ones.
    """

    items: tuple[tuple[object, str, str], ...]  # (value, markup before, markup after)

    def render(self, chosen: object) -> Markup:
        """The items, those whose value is chosen (one value or several) checked."""
        picked = set(chosen) if isinstance(chosen, list | tuple | set) else {chosen}
        return Markup(  # noqa: S704 - the items were escaped when the list was written
            "".join(
                f"{before}{' checked' if value in picked else ''}{after}"
                for value, before, after in self.items
            )
        )


def described_list(name: str, options: Iterable) -> ChoiceList:
    """Radio buttons each with a hint under its label: `options` have a code, a label and an
    explanation (a report's kind, its mode)."""
    items = []
    for option in options:
        code = escape(option.code)
        ident = f"{escape(name)}-{code}"
        items.append(
            (
                option.code,
                f'<li><input type="radio" name="{escape(name)}" id="{ident}" value="{code}"'
                f' aria-describedby="{ident}-hint"',
                f'><label for="{ident}">{escape(option.label)}</label>'
                f'<p class="hint" id="{ident}-hint">{escape(option.explanation)}</p></li>',
            )
        )
    return ChoiceList(tuple(items))


def checkbox_list(name: str, options: Iterable[tuple]) -> ChoiceList:
    """Checkboxes, each optionally with a hint after its label: `options` are (value, label,
    hint), an empty hint for none (the report form's advisers)."""
    items = []
    for value, label, hint in options:
        ident = f"{escape(name)}-{escape(value)}"
        described = f' aria-describedby="{ident}-about"' if hint else ""
        about = f' <span class="hint" id="{ident}-about">{escape(hint)}</span>' if hint else ""
        items.append(
            (
                value,
                f'<li><input type="checkbox" name="{escape(name)}" id="{ident}"'
                f' value="{escape(value)}"{described}',
                f'> <label for="{ident}">{escape(label)}</label>{about}</li>',
            )
        )
    return ChoiceList(tuple(items))


def init_app(app: Flask) -> None:
    # WTForms' documented hook for how a field is rendered, for every form class at once.
    DefaultMeta.render_field = render_field
    # `field(form.x)` in any template: a labelled field with its hint and error, linked for
    # screen readers. A global, not a macro to import: a page renders many, and each
    # `{% from %}` of a template costs Jinja a walk over every global.
    app.jinja_env.globals["field"] = field_html
