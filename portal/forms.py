"""Form pieces every area shares."""

from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (a select multiple is hard to use)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
