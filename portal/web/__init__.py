"""Request glue the areas share: access rules, forms and their rendering, pages, errors, headers.

A module here imports the platform and the core, never an area: glue that needs one area lives
in that area (tests/test_architecture.py).
"""
