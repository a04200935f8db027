"""The auth area's blueprint: its name and URL prefix; the view modules add its routes."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
