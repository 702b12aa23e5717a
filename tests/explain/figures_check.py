"""Figures with units, as the project's facts table (resources/facts) and the explanation pages give them."""

from __future__ import annotations

import json
import re
from typing import Final

from fxdesigner import assets

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


def fact_figures() -> set[str]:
    """Figures of the facts table, with each range's ends counted as figures too."""
    table = json.loads(assets.read_text("facts", "figures.json"))
    found = {entry["figure"] for entry in table["figures"]}
    for figure in list(found):
        number, unit = figure.rsplit(" ", 1)
        if "–" in number:
            low, high = number.split("–")
            found.add(f"{low} {unit}")
            found.add(f"{high} {unit}")
    return found


def source_tags(text: str) -> set[str]:
    return set(re.findall(r"\[(S\d+[a-z]?)\]", text))


def bibliography_tags() -> set[str]:
    """The tags of the sources the project ships (resources/facts/sources.json)."""
    table = json.loads(assets.read_text("facts", "sources.json"))
    return {entry["tag"] for entry in table["sources"]}
