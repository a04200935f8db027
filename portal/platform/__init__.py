"""The platform every part stands on: database, settings, keys, language, mail, time, limits.

A module here imports only the platform and libraries: no person, no area, no request glue
(tests/test_architecture.py).
"""
