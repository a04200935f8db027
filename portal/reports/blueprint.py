"""The reports area's blueprint: its name and URL prefix; the view modules add its routes."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/report")
