"""The journal area's blueprint: a person's own record ("My record"), under /record."""

from flask import Blueprint

bp = Blueprint("journal", __name__, url_prefix="/record")
