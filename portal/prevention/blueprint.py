"""The prevention area's blueprint: its name and URL prefix; the view modules add its routes."""

from flask import Blueprint

bp = Blueprint("prevention", __name__, url_prefix="/prevention")
