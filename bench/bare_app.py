"""A bare Flask endpoint, served with the same gunicorn settings as the portal (the baseline)."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "ok"
