"""Report together's blueprint: its name and URL prefix; the view modules add its routes."""

from flask import Blueprint

bp = Blueprint("together", __name__, url_prefix="/together")
