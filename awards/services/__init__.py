"""Writes for the awards app, one module per area: ``catalogue`` (award
types), ``nominations`` (the dossier, up to its submission), ``review`` (the
receiving unit's work), ``council`` (meetings and votes) and ``decisions``
(award decisions). Every state change goes through ``transitions``."""
