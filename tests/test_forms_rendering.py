"""The fast renderers (choice lists, plain inputs, the labelled field) write what WTForms and
the former Jinja macro wrote."""

import importlib
import inspect
import pkgutil
import re

import pytest
from wtforms import (
    Form,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice, SelectFieldBase, SelectMultipleField
from wtforms.validators import InputRequired, Length, NumberRange

import portal
from portal.web.field_rendering import _wtforms_render_field, field_html
from portal.web.forms import CheckboxesField, _choice_items_by_wtforms, choice_items

TRICKY = [
    SelectChoice(v, label)
    for v, label in [("a", "Plain"), ("b&c", 'Quote " and <tag>'), (3, "Three"), ("", "Empty")]
]
TRICKY_NUMBERS = [SelectChoice(v, label) for v, label in [(1, "One"), (2, 'Quote " <tag>')]]


def takes_text(coerce) -> bool:
    """Whether a field's coerce accepts a word (str does; int and the person pickers do not)."""
    try:
        coerce("a")
    except (TypeError, ValueError):
        return False
    return True


def form_classes():
    """Every form class defined in the portal's modules."""
    found = {}
    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        if module.name.endswith(("views", "demo")) or ".views" in module.name:
            continue
        loaded = importlib.import_module(module.name)
        for _name, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, Form) and cls.__module__ == loaded.__name__:
                found[f"{cls.__module__}.{cls.__name__}"] = cls
    return found


def choice_fields(form):
    for field in form:
        if isinstance(field, SelectFieldBase) and field.type in (
            "RadioField",
            "CheckboxesField",
            "SelectMultipleField",
        ):
            yield field
        for sub in getattr(field, "entries", []):  # field lists of sub-forms
            yield from choice_fields(getattr(sub, "form", sub)) if hasattr(sub, "form") else ()


def test_every_choice_field_of_every_form_renders_the_same(app):
    compared = 0
    with app.test_request_context("/"):
        for name, cls in form_classes().items():
            try:
                form = cls(meta={"csrf": False}) if hasattr(cls, "Meta") else cls()
            except TypeError:
                continue  # a form that needs arguments is covered by the synthetic cases below
            for field in choice_fields(form):
                if not field.choices:
                    numeric = not takes_text(field.coerce)
                    field.choices = TRICKY_NUMBERS if numeric else TRICKY
                multiple = isinstance(field, SelectMultipleField)
                first_value = next(iter(field.iter_choices())).value
                field.data = [first_value] if multiple else first_value
                assert choice_items(field) == _choice_items_by_wtforms(field), (name, field.name)
                compared += 1
    assert compared >= 10  # the walk really found the portal's choice lists


class Synthetic(Form):
    radios = RadioField("R", choices=TRICKY, validators=[InputRequired()])
    boxes = CheckboxesField("C", choices=TRICKY)
    attrs = RadioField("A", choices=TRICKY, render_kw={"data-x": "1"})


@pytest.mark.parametrize("data", [{}, {"radios": "b&c", "boxes": ["a", "3"], "attrs": "a"}])
def test_synthetic_fields_render_the_same(data):
    form = Synthetic(data=data)
    for field in form:
        assert choice_items(field) == _choice_items_by_wtforms(field), field.name
    assert "required" in choice_items(form.radios)


# The `field` macro as it was written in Jinja before it moved to portal/web/field_rendering.py:
# the reference the Python version must match, tag for tag.
JINJA_FIELD = """
{%- set described = [] %}
{%- if f.description %}{% do described.append(f.id ~ "-hint") %}{% endif %}
{%- if f.errors %}{% do described.append(f.id ~ "-error") %}{% endif %}
<div class="field{% if f.errors %} field--error{% endif %} {{ class }}">
  {% if f.type in ("SelectMultipleField", "CheckboxesField", "RadioField") %}
    <fieldset id="{{ f.id }}"{% if described %} aria-describedby="{{ described | join(' ') }}"{% endif %}>
      <legend>{{ f.label.text }}</legend>
      {% if f.description %}<p class="hint" id="{{ f.id }}-hint">{{ f.description }}</p>{% endif %}
      {% if f.errors %}<p class="field-error" id="{{ f.id }}-error">{{ f.errors | join(" ") }}</p>{% endif %}
      <ul class="choices">{{ choice_items(f) }}</ul>
    </fieldset>
  {% elif f.type == "BooleanField" %}
    {% set attrs = {"aria-describedby": described | join(" ")} if described else {} %}
    <div class="check">{{ f(**attrs) }} {{ f.label() }}</div>
    {% if f.description %}<p class="hint" id="{{ f.id }}-hint">{{ f.description }}</p>{% endif %}
    {% if f.errors %}<p class="field-error" id="{{ f.id }}-error">{{ f.errors | join(" ") }}</p>{% endif %}
  {% else %}
    {{ f.label() }}
    {% if f.description %}<p class="hint" id="{{ f.id }}-hint">{{ f.description }}</p>{% endif %}
    {% if f.errors %}<p class="field-error" id="{{ f.id }}-error">{{ f.errors | join(" ") }}</p>{% endif %}
    {% set attrs = {"aria-describedby": described | join(" ")} if described else {} %}
    {% if f.errors %}{% do attrs.update({"aria-invalid": "true"}) %}{% endif %}
    {{ f(**attrs) }}
  {% endif %}
</div>"""


def without_layout(html: str) -> str:
    """Markup with the whitespace between tags taken out (the Jinja version indents)."""
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", str(html))


def every_field(app):
    """Every field of every portal form, filled with a tricky value and given an error."""
    for name, cls in form_classes().items():
        try:
            form = cls(meta={"csrf": False}) if hasattr(cls, "Meta") else cls()
        except TypeError:
            continue
        for field in all_fields(form):
            if isinstance(field, SelectFieldBase) and not field.choices:
                field.choices = TRICKY if takes_text(field.coerce) else TRICKY_NUMBERS
            yield name, field


def all_fields(form):
    for field in form:
        entries = getattr(field, "entries", None)
        if entries is None:
            yield field
            continue
        for entry in entries:
            yield from all_fields(entry.form) if hasattr(entry, "form") else [entry]


def test_every_field_renders_as_wtforms_and_the_jinja_macro_did(app):
    reference = app.jinja_env.from_string(JINJA_FIELD)
    compared = set()
    with app.test_request_context("/"):
        for name, field in every_field(app):
            if field.type in ("CSRFTokenField", "SubmitField"):
                continue
            for data, errors in ((None, []), ('Quote " & <tag>', ["Check this & that."])):
                if not isinstance(field, SelectFieldBase):
                    field.raw_data = [data] if data is not None else None  # as if posted
                elif field.choices:  # nothing chosen, then the last choice chosen
                    last = list(field.iter_choices())[-1].value if data else None
                    many = isinstance(field, SelectMultipleField)
                    field.data = ([last] if last is not None else []) if many else last
                field.errors = errors
                extra = {"aria-describedby": "x-hint"}
                assert str(field(**extra)) == str(
                    _wtforms_render_field(field.meta, field, extra)
                ), (
                    name,
                    field.name,
                )
                expected = reference.render(f=field, **{"class": "wide"})
                assert without_layout(field_html(field, "wide")) == without_layout(expected), (
                    name,
                    field.name,
                )
                compared.add(field.type)
                if field.type == "SelectField" and " selected" in str(field(**extra)):
                    compared.add("a chosen option")
    # The walk really reached the kinds the fast path writes and those it hands to WTForms.
    assert {"StringField", "TextAreaField", "DateField", "EmailField", "BooleanField"} <= compared
    assert {"IntegerField", "MultipleFileField", "HiddenField"} <= compared
    assert {"RadioField", "SelectField", "CheckboxesField", "a chosen option"} <= compared


@pytest.mark.parametrize(
    "field",
    [
        StringField("S", validators=[InputRequired(), Length(max=20)], render_kw={"data-x": "1"}),
        StringField("S", description='A "hint" & more'),
        TextAreaField("T", validators=[Length(min=2, max=9)]),
        IntegerField("N", validators=[NumberRange(min=1, max=5)]),
        HiddenField("H", default='x"y'),
    ],
)
def test_synthetic_plain_inputs_render_as_wtforms(field):
    class One(Form):
        f = field

    bound = One(data={"f": 'a "b" <c> & d'}).f
    for extra in ({}, {"aria_describedby": "h", "class_": "wide", "readonly": True, "x": False}):
        assert str(bound(**extra)) == str(_wtforms_render_field(bound.meta, bound, dict(extra)))


@pytest.mark.parametrize("multiple", [False, True])
def test_synthetic_selects_render_as_wtforms(multiple):
    kind = SelectMultipleField if multiple else SelectField

    class One(Form):
        f = kind("S", choices=TRICKY, validators=[InputRequired()])
        n = kind("N", choices=TRICKY_NUMBERS, coerce=int)

    form = One(data={"f": ["b&c", "3"] if multiple else "b&c", "n": [2] if multiple else 2})
    for field in (form.f, form.n):
        rendered = str(field(aria_describedby="h"))
        assert rendered == str(_wtforms_render_field(field.meta, field, {"aria_describedby": "h"}))
        assert " selected " in rendered  # the walk really compared a chosen option


def test_a_kept_choice_list_checks_only_what_is_chosen_and_escapes_its_texts():
    from portal.web.field_rendering import checkbox_list, described_list

    boxes = checkbox_list(
        "advisers", [(3, 'Ann "<b>"', "External · Integrity contact"), (5, "Bo", "")]
    )
    html = boxes.render([5])
    assert html.count(" checked") == 1 and 'value="5" checked>' in html
    assert "&#34;&lt;b&gt;&#34;" in html and "<b>" not in html
    assert 'aria-describedby="advisers-3-about"' in html and "advisers-5-about" not in html
    assert boxes.render([]).count("checked") == 0 and boxes.render([3, 5]).count(" checked") == 2

    class Option:
        def __init__(self, code, label, explanation):
            self.code, self.label, self.explanation = code, label, explanation

    radios = described_list("mode", [Option("anonymous", "A", "x<y"), Option("named", "N", "z")])
    html = radios.render("named")
    assert 'value="named" aria-describedby="mode-named-hint" checked>' in html
    assert html.count("checked") == 1 and "x&lt;y" in html
    assert radios.render(None).count("checked") == 0


def test_date_and_number_inputs_with_limits_render_as_wtforms():
    from datetime import date, datetime

    from wtforms import DateField, DateTimeLocalField
    from wtforms.widgets import NumberInput

    from portal.web import field_rendering

    class One(Form):
        day = DateField("D")
        moment = DateTimeLocalField("M", format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
        count = IntegerField("N", validators=[NumberRange(min=1, max=5)])
        stepped = IntegerField("S", widget=NumberInput(step=2, min=0), render_kw={"max": 9})

    form = One(data={"day": date(2026, 11, 30), "count": 3, "stepped": 4})
    form.day.flags.min = date(2026, 1, 1)  # a date limit is written in the field's format
    form.day.flags.max = lambda: date(2026, 12, 31)  # a limit may be worked out when shown
    form.moment.flags.max = datetime(2026, 12, 1, 9, 30)
    fields = (form.day, form.moment, form.count, form.stepped)
    fast = field_rendering.DATE_INPUTS | field_rendering.NUMBER_INPUTS
    assert all(type(field.widget) in fast for field in fields)  # written here, not by WTForms
    for field in fields:
        for given in ({}, {"min": "2026-06-01", "step": 3}, {"max": date(2027, 1, 1)}):
            assert str(field(**given)) == str(_wtforms_render_field(field.meta, field, given))
    assert 'min="2026-01-01"' in str(form.day()) and 'max="2026-12-31"' in str(form.day())
    assert 'max="2026-12-01T09:30"' in str(form.moment())
    assert 'step="2"' in str(form.stepped()) and 'max="9"' in str(form.stepped())
