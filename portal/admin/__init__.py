"""The administrator's pages: people and teams; never a report's content.

views.py adds the routes to the blueprint in blueprint.py; directory.py holds what the pages list
(people searched and paged, teams with their size and lead), accounts/people.py the changes.
"""
