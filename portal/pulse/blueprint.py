"""The pulse area's blueprint: its name and URL prefix; the view modules add its routes."""

from flask import Blueprint

bp = Blueprint("pulse", __name__, url_prefix="/pulse")
