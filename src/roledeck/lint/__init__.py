"""`roles lint`: rules over role files and the catalog, an engine that runs them, findings out.

Rules live in `lint/rules/<family>.py`, each documented in its own docstring, and are listed
explicitly in `lint/rules/__init__.py`. The engine returns findings as data; reporters format.
"""
