"""The fast choice-list renderer writes exactly what WTForms' own widgets write."""

import importlib
import inspect
import pkgutil

import pytest
from wtforms import Form, RadioField
from wtforms.fields.choices import SelectChoice, SelectFieldBase, SelectMultipleField
from wtforms.validators import InputRequired

import portal
from portal.forms import CheckboxesField, _choice_items_by_wtforms, choice_items

TRICKY = [
    SelectChoice(v, label)
    for v, label in [("a", "Plain"), ("b&c", 'Quote " and <tag>'), (3, "Three"), ("", "Empty")]
]
TRICKY_NUMBERS = [SelectChoice(v, label) for v, label in [(1, "One"), (2, 'Quote " <tag>')]]


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
                    numeric = field.coerce is int
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
