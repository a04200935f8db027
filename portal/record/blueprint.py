"""The record area's blueprints: one for each door to a person's own record ("My record").

`bp` is the owner's account door, under /record; `code_bp` is the record kept without an
account, opened by its record code, under /record-code. Both show the same pages (doors.py).
"""

from flask import Blueprint

bp = Blueprint("record", __name__, url_prefix="/record")
code_bp = Blueprint("record_code", __name__, url_prefix="/record-code")

BLUEPRINTS = (bp, code_bp)
