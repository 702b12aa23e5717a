"""A tiny plan builder for hand-made rule cases.

    b = PlanBuilder(region="US")
    ata = b.ata(relay=True, t38=True)
    phone = b.phone()
    b.link(phone, "line", ata, "phone1")
    plan = b.plan

Ids are the type's stem and a counter ("phone1", "ata1", "l1" for cables);
labels are different words ("Phone 1", "ATA 1") so a test can tell whether a
message names a device by its label or by its id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from fxdesigner.model.plan import Device, Link, Plan, Port, PortRef, Waiver

PortSpec = tuple[str, str] | tuple[str, str, dict[str, Any]]

#: (id stem, label stem) by device type.
_NAMES: dict[str, tuple[str, str]] = {
    "pstn-line": ("pstn", "Street line"),
    "analog-phone": ("phone", "Phone"),
    "cordless-phone": ("cordless", "Cordless"),
    "fax": ("fax", "Fax"),
    "modem": ("modem", "Modem"),
    "alarm-panel": ("alarm", "Alarm"),
    "elevator-phone": ("elev", "Elevator phone"),
    "digital-phone": ("dphone", "Digital phone"),
    "ata": ("ata", "ATA"),
    "gateway": ("gw", "Gateway"),
    "analog-pbx": ("pbx", "PBX"),
    "ip-pbx": ("ippbx", "IP PBX"),
    "ip-phone": ("ipphone", "IP phone"),
    "router": ("router", "Router"),
    "switch": ("switch", "Switch"),
    "internet": ("inet", "Internet"),
    "dsl-modem": ("dsl", "DSL modem"),
    "splitter": ("split", "Splitter"),
    "dsl-filter": ("filter", "Filter"),
    "generic": ("generic", "Box"),
}


def _props(**values: Any) -> dict[str, Any]:
    """Keyword arguments whose value is not None."""
    return {k: v for k, v in values.items() if v is not None}


class PlanBuilder:
    def __init__(self, region: str | None = "US", title: str | None = "Hand-built case") -> None:
        self.plan = Plan(title=title, region=region)
        self._counts: Counter[str] = Counter()
        self._links = 0
        self._waivers = 0

    # --- generic -----------------------------------------------------------------

    def add(
        self,
        type: str,
        ports: Iterable[PortSpec] = (),
        *,
        id: str | None = None,
        label: str | None = None,
        **properties: Any,
    ) -> Device:
        """Add a device; properties whose value is None are left out (defaults apply)."""
        stem, word = _NAMES.get(type, (type.replace("-", "")[:20] or "dev", type.title()))
        self._counts[stem] += 1
        n = self._counts[stem]
        built = []
        for spec in ports:
            port_id, kind = spec[0], spec[1]
            port_props = dict(spec[2]) if len(spec) > 2 else {}  # type: ignore[misc]
            built.append(Port(port_id, kind, port_id.upper(), port_props))
        device = Device(
            id=id or f"{stem}{n}",
            type=type,
            x=float(100 * len(self.plan.devices)),
            y=0.0,
            label=label if label is not None else f"{word} {n}",
            properties=_props(**properties),
            ports=built,
        )
        self.plan.add_device(device)
        return device

    def link(self, a: Device | str, pa: str, b: Device | str, pb: str, *, id: str | None = None,
             **properties: Any) -> str:
        """Cable a:pa to b:pb; returns the link id (l1, l2, ...)."""
        self._links += 1
        link_id = id or f"l{self._links}"
        self.plan.add_link(Link(link_id, PortRef(_id(a), pa), PortRef(_id(b), pb), _props(**properties)))
        return link_id

    def set_port(self, device: Device | str, port: str, **properties: Any) -> None:
        self.plan.port(PortRef(_id(device), port)).properties.update(properties)

    def waive(self, code: str, subject: str, **fields: Any) -> str:
        self._waivers += 1
        waiver_id = f"w{self._waivers}"
        self.plan.add_waiver(Waiver(waiver_id, code, subject, **fields))
        return waiver_id

    # --- stations ----------------------------------------------------------------

    def phone(self, label: str | None = None, **props: Any) -> Device:
        return self.add("analog-phone", [("line", "fxo")], label=label, **props)

    def cordless(self, label: str | None = None, **props: Any) -> Device:
        return self.add("cordless-phone", [("line", "fxo")], label=label, **props)

    def fax(self, label: str | None = None, **props: Any) -> Device:
        return self.add("fax", [("line", "fxo")], label=label, **props)

    def modem(self, label: str | None = None, **props: Any) -> Device:
        return self.add("modem", [("line", "fxo")], label=label, **props)

    def alarm(self, label: str | None = None, **props: Any) -> Device:
        return self.add("alarm-panel", [("line", "fxo")], label=label, **props)

    def elevator(self, label: str | None = None, **props: Any) -> Device:
        return self.add("elevator-phone", [("line", "fxo")], label=label, **props)

    def digital_phone(self, label: str | None = None, **props: Any) -> Device:
        return self.add("digital-phone", [("line", "digital")], label=label, **props)

    def ip_phone(self, label: str | None = None, **props: Any) -> Device:
        return self.add("ip-phone", [("lan", "ethernet")], label=label, **props)

    # --- the outside -------------------------------------------------------------

    def pstn(self, label: str | None = None, *, ren_budget: Any = None, **props: Any) -> Device:
        """A street line with one `jack` (pstn)."""
        port = ("jack", "pstn", _props(ren_budget=ren_budget))
        return self.add("pstn-line", [port], label=label, **props)

    def internet(self, ports: int = 1, label: str | None = None, **props: Any) -> Device:
        """The internet, with `eth` (one port) or `eth1`..`ethN`."""
        names = ["eth"] if ports == 1 else [f"eth{i}" for i in range(1, ports + 1)]
        return self.add("internet", [(n, "ethernet") for n in names], label=label, **props)

    def online(self, device: Device, port: str = "wan", **link_props: Any) -> Device:
        """A new internet device cabled straight into device:port; returns the internet device."""
        cloud = self.internet()
        self.link(cloud, "eth", device, port, **link_props)
        return cloud

    # --- network -------------------------------------------------------------------

    def router(self, lans: int = 2, label: str | None = None, **props: Any) -> Device:
        ports: list[PortSpec] = [("wan", "ethernet", {"role": "wan"})]
        ports += [(f"lan{i}", "ethernet", {"role": "lan"}) for i in range(1, lans + 1)]
        return self.add("router", ports, label=label, **props)

    def switch(self, ports: int = 4, poe: bool | Sequence[bool] = False, label: str | None = None,
               **props: Any) -> Device:
        """Ethernet switch with port1..portN; poe is one flag for all ports or one per port."""
        flags = [poe] * ports if isinstance(poe, bool) else list(poe)
        specs: list[PortSpec] = [(f"port{i}", "ethernet", {"poe": f}) for i, f in enumerate(flags, 1)]
        return self.add("switch", specs, label=label, **props)

    # --- adapters and PBXs -------------------------------------------------------------

    def ata(
        self,
        phones: int = 1,
        *,
        relay: bool = False,
        line: bool = False,
        lan: bool = False,
        ren_budget: Any = None,
        max_loop_m: Any = None,
        label: str | None = None,
        **props: Any,
    ) -> Device:
        """ATA with phone1..phoneN (fxs), optional line1 (fxo), wan (+ lan).

        relay=True is an HT813-style lifeline: line1 exists and phone1 has power_fail_to line1.
        ren_budget and max_loop_m apply to every PHONE jack.
        """
        ports: list[PortSpec] = []
        for i in range(1, phones + 1):
            fxs = _props(ren_budget=ren_budget, max_loop_m=max_loop_m)
            if relay and i == 1:
                fxs["power_fail_to"] = "line1"
            ports.append((f"phone{i}", "fxs", fxs))
        if relay or line:
            ports.append(("line1", "fxo"))
        ports.append(("wan", "ethernet", {"role": "wan"}))
        if lan:
            ports.append(("lan", "ethernet", {"role": "lan"}))
        return self.add("ata", ports, label=label, **props)

    def ht813(self, label: str | None = None, **props: Any) -> Device:
        return self.ata(relay=True, lan=True, label=label, **({"t38": True} | props))

    def gateway(self, fxs: int = 2, fxo: int = 0, label: str | None = None, **props: Any) -> Device:
        ports: list[PortSpec] = [(f"fxs{i}", "fxs") for i in range(1, fxs + 1)]
        ports += [(f"fxo{i}", "fxo") for i in range(1, fxo + 1)]
        ports.append(("lan", "ethernet"))
        return self.add("gateway", ports, label=label, **props)

    def pbx(
        self,
        co: int = 2,
        ext: int = 2,
        digital: int = 0,
        *,
        relay: bool = False,
        direct_911: bool | None = True,
        label: str | None = None,
        **props: Any,
    ) -> Device:
        """Analog PBX / key system: co1.. (fxo trunks), ext1.. (fxs), dig1.. (digital).

        relay=True gives ext1 power_fail_to co1. direct_911 defaults to True so
        that FX504 only fires where a case asks for it (pass None or False).
        """
        ports: list[PortSpec] = [(f"co{i}", "fxo") for i in range(1, co + 1)]
        for i in range(1, ext + 1):
            ports.append((f"ext{i}", "fxs", {"power_fail_to": "co1"} if relay and i == 1 else {}))
        ports += [(f"dig{i}", "digital") for i in range(1, digital + 1)]
        return self.add("analog-pbx", ports, label=label, direct_911=direct_911, **props)

    def ip_pbx(self, fxs: int = 0, fxo: int = 0, *, direct_911: bool | None = True, label: str | None = None,
               **props: Any) -> Device:
        ports: list[PortSpec] = [("lan", "ethernet")]
        ports += [(f"fxs{i}", "fxs") for i in range(1, fxs + 1)]
        ports += [(f"fxo{i}", "fxo") for i in range(1, fxo + 1)]
        return self.add("ip-pbx", ports, label=label, direct_911=direct_911, **props)

    # --- passive and DSL ---------------------------------------------------------------

    def splitter(self, outs: int = 2, label: str | None = None, **props: Any) -> Device:
        """Passive junction with `in` and out1..outN."""
        ports: list[PortSpec] = [("in", "passive")] + [(f"out{i}", "passive") for i in range(1, outs + 1)]
        return self.add("splitter", ports, label=label, **props)

    def dsl_filter(self, dsl_port: bool = False, label: str | None = None, **props: Any) -> Device:
        """Microfilter: `line`, `phone` (filtered) and optionally an unfiltered `dsl` jack."""
        ports: list[PortSpec] = [("line", "passive"), ("phone", "passive", {"filtered": True})]
        if dsl_port:
            ports.append(("dsl", "passive"))
        return self.add("dsl-filter", ports, label=label, **props)

    def dsl_modem(self, label: str | None = None, **props: Any) -> Device:
        return self.add("dsl-modem", [("line", "passive"), ("lan", "ethernet", {"role": "lan"})],
                        label=label, **props)

    def generic(self, ports: Iterable[PortSpec], label: str | None = None, **props: Any) -> Device:
        return self.add("generic", ports, label=label, **props)


def _id(device: Device | str) -> str:
    return device if isinstance(device, str) else device.id
