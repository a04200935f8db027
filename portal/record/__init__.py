"""My record ("Mijn dossier"): a person's private record of what happened, for their eyes only.

Two doors open the same pages (doors.py): the owner's account (views.py, key_views.py,
report_views.py, under /record) and a record code for someone without an account
(code_views.py, code_door.py, under /record-code).
"""
