"""The adviser's side: the inbox of reports addressed to them, opened with their own key.

views.py (inbox, workspace, workflow, notes, oral reports, keys) and sharing_views.py (consent
and stepping back) add routes to the blueprint in blueprint.py; inbox.py, workflow.py,
oral.py and reminders.py are the domain modules they call (the adviser's notes, stepping back
and transfer are report data: portal/reports/notes.py and transfer.py). conversation_views.py
answers a conversation request (portal/reports/conversation.py): its meeting's minutes become
an oral report, or it is closed.
"""
