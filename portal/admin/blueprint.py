"""The admin area's blueprint: its name and URL prefix; the view modules add its routes."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
