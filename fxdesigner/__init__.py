"""FX Designer: draw analog telephone wiring and check every FXS/FXO link."""

from __future__ import annotations

# The one place the version lives: pyproject (hatch), --version, the About box,
# the metainfo release check and the bundle all read it from here.
__version__ = "0.9.0"

APP_NAME = "FX Designer"
APP_ID = "io.github.fxdesigner.FxDesigner"
