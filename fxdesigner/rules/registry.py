"""The rule registry: the one list every listing, panel, report and document derives from.

Codes are permanent (rules.md): a code is never reused or given a new meaning.
Each rule ships resources/rules/<CODE>/explanation.md (what it means, why it
matters on a real line, how to fix) and good.fxplan / bad.fxplan examples; a
meta-test fails when any of them is missing or does not behave.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, Final

from fxdesigner import assets
from fxdesigner.rules import dsl, electrical, fax, resilience, service, wiring
from fxdesigner.rules.analysis import Analysis, Draft
from fxdesigner.rules.findings import ERROR, INFO, WARNING, Severity

#: A rule's check: what it finds in an analysis, as drafts without a code (the rule stamps it).
Check = Callable[[Analysis], Iterator[Draft]]


class Scope(StrEnum):
    """What a rule looks at. A str: comparisons with "local" are unchanged."""

    #: One component of the plan at a time (devices joined by cables).
    LOCAL = "local"
    #: The plan as a whole (FX501).
    PLAN = "plan"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    title: str
    check: Check
    scope: Scope = Scope.LOCAL

    def run(self, analysis: Analysis) -> Iterator[Draft]:
        """The check's drafts, each stamped with this rule's code, name and severity."""
        for draft in self.check(analysis):
            yield self.stamp(draft)

    def stamp(self, draft: Draft) -> Draft:
        return draft._replace(code=self.code, name=self.name, severity=self.severity)

    @property
    def family(self) -> str:
        return FAMILIES[self.code[:3]]

    @property
    def folder(self) -> Path:
        return assets.resource_path("rules", self.code)

    def explanation(self) -> str:
        return explanation_text(self.code)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "severity": self.severity, "title": self.title}


FAMILIES: Final = {
    "FX1": "Wiring: what is plugged into what",
    "FX2": "Service: can each station make a call",
    "FX3": "Electrical limits",
    "FX4": "Fax and modems over VoIP",
    "FX5": "Resilience and safety",
    "FX6": "DSL on a phone line",
}

RULES: Final[tuple[Rule, ...]] = (
    Rule("FX101", "fxs-to-fxs", ERROR, "FXS to FXS: both ends supply dial tone", wiring.fxs_to_fxs),
    Rule("FX102", "street-line-into-fxs", ERROR, "Street line into an FXS jack: two sources face each other",
         wiring.street_line_into_fxs),
    Rule("FX103", "street-lines-bridged", ERROR, "Two street lines bridged on one pair", wiring.street_lines_bridged),
    Rule("FX104", "line-without-source", ERROR, "No dial tone source on the pair", wiring.line_without_source),
    Rule("FX105", "analog-into-ethernet", ERROR, "Analog pair in an Ethernet jack", wiring.analog_into_ethernet),
    Rule("FX106", "analog-on-digital-station", ERROR, "Analog jack on a digital station pair",
         wiring.analog_on_digital_station),
    Rule("FX107", "two-cables-in-one-jack", ERROR, "Two cables in one jack", wiring.two_cables_in_one_jack),
    Rule("FX108", "self-link", WARNING, "Cable joins two jacks of one device", wiring.self_link),
    Rule("FX201", "station-unplugged", WARNING, "Station not plugged in", service.station_unplugged),
    Rule("FX202", "no-outside-line", WARNING, "Station cannot call out", service.no_outside_line),
    Rule("FX203", "street-line-unused", WARNING, "Street line unused", service.street_line_unused),
    Rule("FX204", "device-isolated", INFO, "Device not connected", service.device_isolated),
    Rule("FX205", "unknown-device-type", INFO, "Unknown device type", service.unknown_device_type),
    Rule("FX301", "ringer-load-over-port-budget", ERROR, "Too many ringers for the FXS jack",
         electrical.ringer_load_over_port_budget),
    Rule("FX302", "ringer-load-over-line-limit", WARNING, "Too many ringers for the street line",
         electrical.ringer_load_over_line_limit),
    Rule("FX303", "loop-too-long", ERROR, "Cable run longer than the FXS jack is rated for", electrical.loop_too_long),
    Rule("FX304", "fxs-wiring-leaves-building", WARNING, "FXS wiring leaves the building",
         electrical.fxs_wiring_leaves_building),
    Rule("FX401", "fax-without-t38", WARNING, "Fax over VoIP without T.38", fax.fax_without_t38),
    Rule("FX402", "modem-over-voip", WARNING, "Modem or alarm dialer over VoIP", fax.modem_over_voip),
    Rule("FX501", "no-lifeline", WARNING, "No phone works in a power cut", resilience.no_lifeline, scope=Scope.PLAN),
    Rule("FX502", "life-safety-line-fails-in-power-cut", ERROR, "Life-safety line fails in a power cut",
         resilience.life_safety_line_fails),
    Rule("FX503", "lifeline-jack-without-corded-phone", WARNING, "Lifeline jack without a corded phone",
         resilience.lifeline_jack_without_corded_phone),
    Rule("FX504", "emergency-dialing-needs-prefix", WARNING, "911 needs a prefix on this PBX",
         resilience.emergency_dialing_needs_prefix),
    Rule("FX601", "dsl-without-microfilter", WARNING, "Voice device on DSL without a microfilter",
         dsl.dsl_without_microfilter),
    Rule("FX602", "dsl-modem-behind-filter", ERROR, "DSL modem behind a microfilter", dsl.dsl_modem_behind_filter),
)

BY_CODE: Final = {rule.code: rule for rule in RULES}
LOCAL_RULES: Final = tuple(r for r in RULES if r.scope == Scope.LOCAL)
#: The one rule that judges the plan as a whole (FX501); the incremental checker runs it itself.
(PLAN_RULE,) = (r for r in RULES if r.scope == Scope.PLAN)


class UnknownRuleError(KeyError):
    pass


def rule(code: str) -> Rule:
    try:
        return BY_CODE[code.upper()]
    except KeyError:
        raise UnknownRuleError(code) from None


@cache
def explanation_text(code: str) -> str:
    return assets.read_text("rules", code, "explanation.md")


def example_path(code: str, which: str) -> Path:
    """which is "good" or "bad"."""
    return assets.resource_path("rules", code, f"{which}.fxplan")
