"""The line figures the panel quotes for a plan's region, each with its source tag (domain.md).

Ringing is not a constant: it differs by country and by equipment (domain.md,
"Contradictions", item 3), so the panel quotes the region's figure where the
sources give one and the general range elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

BATTERY: Final = "about −48 V DC on an idle line [S11]; 48–52 V DC measured in homes [S17]"
LOOP_CURRENT: Final = "at least 18 mA into a 500 Ω loop, and off‑hook seen at 15 mA or more [S11]"
LOOP_LENGTH: Final = (
    "short‑loop ATA and card jacks are sized for wiring inside the building: 1,500 ft (457 m) for a "
    "Digium FXS module [S48], 300 m for a residential voice gateway [S45]"
)

_NORTH_AMERICA: Final = "about 90 V AC at 20 Hz, on top of the battery [S15][S16]"
_GERMANY: Final = "60 V AC at 25 Hz [S14]"
_GENERAL: Final = "60–105 V RMS at 15–25 Hz depending on the country [S16]"

_COUNTRY: Final = {
    "US": "the USA",
    "CA": "Canada",
    "GB": "the UK",
    "AU": "Australia",
    "DE": "Germany",
}


@dataclass(frozen=True)
class RegionFigures:
    region: str
    #: "the USA", or the code itself for a region the sources say nothing specific about.
    place: str
    ringing: str
    ren_limit: str
    battery: str = BATTERY
    loop_current: str = LOOP_CURRENT
    loop_length: str = LOOP_LENGTH

    @property
    def ringing_is_regional(self) -> bool:
        return self.ringing != _GENERAL


def region_figures(region: str | None) -> RegionFigures:
    code = (region or "US").upper()
    place = _COUNTRY.get(code, code)
    if code in ("US", "CA"):
        ringing = _NORTH_AMERICA
    elif code == "DE":
        ringing = _GERMANY
    else:
        ringing = _GENERAL
    if code == "US":
        ren = "the sum of the REN on a line must stay at or below 5 REN [S41]"
    elif code == "GB":
        ren = "a BT line takes 4 REN; a REN extender raises that to about 8 [S38][S42]"
    elif code == "AU":
        ren = "a line takes at most 3 REN [S38]"
    elif code == "CA":
        ren = "lines count a Load Number, whose sum must stay at or below 100 [S38]"
    else:
        ren = "providers usually cap a line at 3, 4 or 5 REN [S40]"
    return RegionFigures(code, place, ringing, ren)
