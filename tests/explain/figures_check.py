"""Figures with units, as they appear in domain.md and in the explanation pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

DOMAIN: Final = Path("/work/shared/domain.md")

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_UNITS = r"kbit/s|bit/s|kHz|Hz|mA|km|ms|REN|µF|V|W|Ω|ft|%|hours|hour|m|s"
FIGURE: Final = re.compile(
    rf"(?<![\w.,])(?P<low>{_NUMBER})(?:\s*[–-]\s*(?P<high>{_NUMBER}))?[\s\u00a0\u202f-]*(?P<unit>{_UNITS})(?![A-Za-z])"
)


def normalise(text: str) -> str:
    # domain.md writes non-breaking hyphens (U+2011) and a minus sign (U+2212).
    return text.replace("\u2011", "-").replace("\u2212", "-").replace("\u2010", "-")


def _number(value: str) -> str:
    return value.replace(",", "")


def _unit(value: str) -> str:
    return "hour" if value.startswith("hour") else value


def figures(text: str) -> set[str]:
    """Each figure as 'low unit' or 'low–high unit', commas dropped."""
    found = set()
    for match in FIGURE.finditer(normalise(text)):
        unit = _unit(match["unit"])
        low = _number(match["low"])
        if match["high"]:
            found.add(f"{low}–{_number(match['high'])} {unit}")
        else:
            found.add(f"{low} {unit}")
    return found


def domain_figures(text: str) -> set[str]:
    """Figures of the fact sheet, with each range's ends counted as figures too."""
    found = figures(text)
    for figure in list(found):
        number, unit = figure.rsplit(" ", 1)
        if "–" in number:
            low, high = number.split("–")
            found.add(f"{low} {unit}")
            found.add(f"{high} {unit}")
    return found


def source_tags(text: str) -> set[str]:
    return set(re.findall(r"\[(S\d+[a-z]?)\]", text))
