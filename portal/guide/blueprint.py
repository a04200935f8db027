"""The guide area's blueprint: its name and URL prefix; the view modules add its routes."""

from flask import Blueprint

bp = Blueprint("guide", __name__, url_prefix="/guide")
