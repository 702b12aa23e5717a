"""FX Designer explain (no Qt: see the import contracts in pyproject.toml).

The text of the designer's Explainer panel and of `fxdesigner explain`: one
Markdown page per jack kind and device type (resources/explain), the rules'
own pages (resources/rules), and builders that join a page with the plan's
live state (subjects.py, overview.py).
"""
