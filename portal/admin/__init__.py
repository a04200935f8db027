"""The administrator's pages: people and teams; never a report's content.

TODO(#10): the people and team queries written in views.py belong in a domain module
(admin/directory.py: explicit arguments, db.atomic(), its own exceptions); views.py is being
changed on the trust branch, so they move after that merge.
"""
