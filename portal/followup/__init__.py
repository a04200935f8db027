"""Following up on a report: with the receipt code (no account), or under "My reports".

doors.py serves one report page behind both doors; views.py (opening with the code, the page,
messages, withdrawing, My reports) and choices.py (consent and the choice of adviser) add
routes to the blueprint in blueprint.py; access.py holds an opened report in this browser.
notice_views.py lets a confidential or named reporter ask for a notice without content when
the adviser writes (portal/reports/notice.py). A conversation request has its own page.
"""
