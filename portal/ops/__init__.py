"""Operations: the `portal` command, serving, configuration checks, backups, retention, the demo.

These stand on top of everything: each builds an app to work in.
"""
