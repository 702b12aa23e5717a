"""`python -m fxdesigner` is the same as the `fxdesigner` command."""

from __future__ import annotations

from fxdesigner.cli import main

raise SystemExit(main())
