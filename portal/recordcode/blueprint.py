"""The recordcode area's blueprint: My record kept without an account, by a record code."""

from flask import Blueprint

bp = Blueprint("recordcode", __name__, url_prefix="/record-code")
