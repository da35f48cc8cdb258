"""The Digital-Check's figures on the Atlas page (``/atlas/``), which the register app
draws without knowing this app."""

from digitalcheck.figures import atlas_charts

__all__ = ["atlas_charts"]
