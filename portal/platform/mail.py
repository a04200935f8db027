"""Outgoing notification mail through the organisation's SMTP relay (never report content)."""

import smtplib
from email.message import EmailMessage

from flask import current_app

TIMEOUT_SECONDS = 30


class MailNotSent(Exception):
    """The SMTP relay could not be reached or refused the message."""


def send(to: str, subject: str, body: str, sender: str | None = None) -> None:
    """Send one plain-text message through SMTP_HOST:SMTP_PORT from SMTP_FROM (or sender)."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = sender or config["SMTP_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(
            config["SMTP_HOST"], config["SMTP_PORT"], timeout=TIMEOUT_SECONDS
        ) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailNotSent(type(exc).__name__) from exc
