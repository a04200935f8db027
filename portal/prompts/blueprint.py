"""The prompts area's blueprint: its name and URL prefix; the view modules add its routes."""

from flask import Blueprint

bp = Blueprint("prompts", __name__, url_prefix="/prompts")
