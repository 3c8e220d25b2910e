"""The document engine, used by every app that issues official documents:
the layout model (layout.py), line breaking (typeset.py), rendering
(render.py), numbering and the outgoing register (register.py), issuing
(issue.py), signing material (material.py) and verification (verify.py)."""
