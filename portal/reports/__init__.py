"""Reporting through one door: the reporter's path, which needs no account."""
