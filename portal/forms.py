"""Form pieces every area shares."""

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (a select multiple is hard to use)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ActionForm(FlaskForm):
    """A post that is one button (start, sign out, reset): nothing to fill in but the CSRF token."""
