"""The aftercare area's blueprint: its name and URL prefix; the view modules add its routes."""

from flask import Blueprint

bp = Blueprint("aftercare", __name__, url_prefix="/aftercare")
