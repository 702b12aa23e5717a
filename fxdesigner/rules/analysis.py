"""One analysis of a context: its topology, its scenario states, and naming helpers for messages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from fxdesigner.model.kinds import STATION_TYPES
from fxdesigner.model.plan import Device, PortRef
from fxdesigner.model.text import join_words, one_line
from fxdesigner.rules.reach import NONE, POWER, ScenarioState
from fxdesigner.rules.topology import Context, Topology


class Draft(NamedTuple):
    """A finding before the judge gives it its waiver state and any severity override.

    A check writes what it found (message, subjects, fix) and nothing about which
    rule it is: the registry stamps the rule's code, name and severity onto each
    draft its check yields (Rule.run), so no check can emit another rule's code.
    """

    message: str
    devices: tuple[str, ...]
    ports: tuple[str, ...]
    links: tuple[str, ...]
    fix: str
    code: str = ""
    name: str = ""
    severity: str = ""


class Analysis:
    def __init__(self, context: Context, scenario: str = NONE) -> None:
        self.context = context
        self.plan = context.plan
        self.topology = Topology(context)
        self.scenario = scenario
        self._states: dict[str, ScenarioState] = {}
        self._home_segments: list | None = None  # type: ignore[type-arg]

    def state(self, scenario: str) -> ScenarioState:
        state = self._states.get(scenario)
        if state is None:
            state = self._states[scenario] = ScenarioState(self.topology, scenario)
        return state

    @property
    def normal(self) -> ScenarioState:
        return self.state(NONE)

    @property
    def power(self) -> ScenarioState:
        return self.state(POWER)

    @property
    def region(self) -> str:
        return self.plan.effective_region

    # --- what belongs to this analysis ----------------------------------------

    def home_devices(self) -> Iterable[Device]:
        return self.context.home_devices()

    def is_home(self, device_id: str) -> bool:
        return self.context.is_home(device_id)

    def home_stations(self) -> Iterable[Device]:
        return (d for d in self.home_devices() if d.type in STATION_TYPES)

    def home_segments(self):  # type: ignore[no-untyped-def]
        """Segments with at least one port of a home device (boundary devices have none).

        Worked out once: nine rules ask for them in every analysis.
        """
        if self._home_segments is None:
            if self.context.home is None:
                self._home_segments = self.topology.segments
            else:
                home = self.context.home
                self._home_segments = [s for s in self.topology.segments if any(r.device in home for r in s.ports)]
        return self._home_segments

    # --- names for messages ------------------------------------------------------

    def device_name(self, device_id: str) -> str:
        return one_line(self.topology.device[device_id].name, 60)

    def port_name(self, ref: PortRef) -> str:
        return one_line(self.topology.port[ref].name, 40)

    def jack(self, ref: PortRef) -> str:
        """'LINE on Front desk ATA'."""
        return f"{self.port_name(ref)} on {self.device_name(ref.device)}"

    def jacks(self, refs: Sequence[PortRef], limit: int = 4) -> str:
        names = [self.jack(r) for r in refs[:limit]]
        if len(refs) > limit:
            names.append(f"{len(refs) - limit} more")
        return join_words(names)

    def draft(
        self,
        message: str,
        *,
        devices: Iterable[str] = (),
        ports: Iterable[PortRef] = (),
        links: Iterable[str] = (),
        fix: str,
    ) -> Draft:
        return Draft(
            message,
            tuple(dict.fromkeys(devices)),
            tuple(str(p) for p in dict.fromkeys(ports)),
            tuple(dict.fromkeys(links)),
            fix,
        )

    def draft_at(
        self, message: str, ports: Sequence[PortRef], *, links: Iterable[str] = (), fix: str
    ) -> Draft:
        """A finding about these jacks and the devices they are on, in the jacks' order."""
        return self.draft(message, devices=[p.device for p in ports], ports=ports, links=links, fix=fix)

