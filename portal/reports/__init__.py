"""Reporting through one door: the reporter's path, which needs no account.

A request for a conversation or a question (conversation.py, conversation_views.py) is filed
the same way, with a receipt code, and never counted as a report.
"""
