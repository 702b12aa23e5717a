"""Realistic generated plans for benchmarks: many small sites, a sprinkling of miswirings.

Each site is one of a few common layouts (home office with a lifeline ATA, key
system, IP PBX with an FXO gateway, hotel floor on an FXS gateway, DSL home).
Sites share an internet cloud per 40 sites, as an ISP's customers would.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fxdesigner.model.plan import Device, Link, Plan, Port, PortRef


class Builder:
    def __init__(self, seed: int) -> None:
        self.plan = Plan(title="Generated benchmark plan", region="US")
        self.rng = random.Random(seed)
        self.n = 0
        self.links = 0
        self.cloud: Device | None = None
        self.cloud_ports = 0

    def device(self, kind: str, ports: list[tuple[str, str, dict | None]], x: float, y: float,
               label: str, **props: object) -> Device:
        self.n += 1
        device = Device(
            id=f"d{self.n}",
            type=kind,
            x=x,
            y=y,
            label=label,
            properties=dict(props),
            ports=[Port(pid, pk, pid.upper(), dict(pp or {})) for pid, pk, pp in ports],
        )
        self.plan.add_device(device)
        return device

    def wire(self, a: Device, pa: str, b: Device, pb: str, length: float | None = None) -> None:
        self.links += 1
        props = {"length_m": length} if length is not None else {}
        self.plan.add_link(Link(f"c{self.links}", PortRef(a.id, pa), PortRef(b.id, pb), props))

    def internet_port(self, x: float, y: float) -> tuple[Device, str]:
        if self.cloud is None or self.cloud_ports >= 40:
            self.cloud = self.device("internet", [(f"p{i}", "ethernet", None) for i in range(1, 41)],
                                     x, y - 200, "Internet")
            self.cloud_ports = 0
        self.cloud_ports += 1
        return self.cloud, f"p{self.cloud_ports}"

    def router(self, x: float, y: float) -> Device:
        rtr = self.device("router", [("wan", "ethernet", {"role": "wan"})] +
                          [(f"lan{i}", "ethernet", {"role": "lan"}) for i in range(1, 5)], x, y, "Router")
        cloud, port = self.internet_port(x, y)
        self.wire(rtr, "wan", cloud, port)
        return rtr

    def phone(self, x: float, y: float, kind: str = "analog-phone") -> Device:
        return self.device(kind, [("line", "fxo", None)], x, y, "Phone")

    # --- site layouts --------------------------------------------------------------

    def home_office(self, x: float, y: float) -> None:
        rtr = self.router(x, y)
        ata = self.device("ata", [("phone1", "fxs", {"power_fail_to": "line1"}), ("line1", "fxo", None),
                                  ("wan", "ethernet", {"role": "wan"}), ("lan", "ethernet", {"role": "lan"})],
                          x + 200, y, "ATA", t38=True)
        wall = self.device("pstn-line", [("jack", "pstn", None)], x + 400, y, "Copper line")
        desk = self.phone(x + 200, y + 150)
        self.wire(rtr, "lan1", ata, "wan", 2)
        self.wire(ata, "line1", wall, "jack", 3)
        self.wire(desk, "line", ata, "phone1", 5)

    def key_system(self, x: float, y: float) -> None:
        pbx = self.device("analog-pbx", [("co1", "fxo", None), ("co2", "fxo", None)] +
                          [(f"ext{i}", "fxs", {"power_fail_to": "co1"} if i == 1 else None) for i in range(1, 7)],
                          x + 200, y, "Key system", direct_911=True)
        for i in (1, 2):
            line = self.device("pstn-line", [("jack", "pstn", None)], x, y + 100 * i, f"Line {i}")
            self.wire(line, "jack", pbx, f"co{i}")
        for i in range(1, 6):
            kind = "cordless-phone" if i == 3 else "analog-phone"
            station = self.phone(x + 400, y + 80 * i, kind)
            self.wire(station, "line", pbx, f"ext{i}", 10 + i)
        fax = self.device("fax", [("line", "fxo", None)], x + 400, y + 480, "Fax")
        self.wire(fax, "line", pbx, "ext6")

    def ip_pbx_office(self, x: float, y: float) -> None:
        rtr = self.router(x, y)
        sw = self.device("switch", [(f"p{i}", "ethernet", {"poe": i <= 6}) for i in range(1, 9)],
                         x + 200, y, "PoE switch")
        pbx = self.device("ip-pbx", [("lan", "ethernet", None)], x + 200, y + 150, "IP PBX", direct_911=True)
        gw = self.device("gateway", [("lan", "ethernet", None), ("fxo1", "fxo", None), ("fxo2", "fxo", None)],
                         x + 400, y + 150, "FXO gateway")
        self.wire(rtr, "lan1", sw, "p8")
        self.wire(sw, "p7", pbx, "lan")
        for i in (1, 2):
            line = self.device("pstn-line", [("jack", "pstn", None)], x + 600, y + 100 * i, f"Line {i}")
            self.wire(line, "jack", gw, f"fxo{i}")
        self.wire(sw, "p6", gw, "lan") if False else self.wire(rtr, "lan2", gw, "lan")
        for i in range(1, 6):
            ipp = self.device("ip-phone", [("lan", "ethernet", None)], x + 100 * i, y + 300, "IP phone")
            self.wire(ipp, "lan", sw, f"p{i}")
        ata = self.device("ata", [("phone1", "fxs", None), ("phone2", "fxs", None), ("wan", "ethernet", None)],
                          x + 600, y, "Fax ATA", t38=True)
        self.wire(rtr, "lan3", ata, "wan")
        fax = self.device("fax", [("line", "fxo", None)], x + 800, y, "Fax")
        self.wire(fax, "line", ata, "phone1")

    def hotel_floor(self, x: float, y: float) -> None:
        rtr = self.router(x, y)
        gw = self.device("gateway", [("lan", "ethernet", None)] +
                         [(f"fxs{i}", "fxs", {"ren_budget": 3}) for i in range(1, 25)], x + 200, y, "FXS gateway")
        self.wire(rtr, "lan1", gw, "lan")
        for i in range(1, 21):
            room = self.phone(x + 50 * i, y + 200)
            self.wire(room, "line", gw, f"fxs{i}", 20 + i)

    def dsl_home(self, x: float, y: float) -> None:
        wall = self.device("pstn-line", [("jack", "pstn", None)], x, y, "Phone line")
        split = self.device("splitter", [("in", "passive", None), ("o1", "passive", None), ("o2", "passive", None)],
                            x + 150, y, "Duplex jack")
        flt = self.device("dsl-filter", [("line", "passive", None), ("phone", "passive", {"filtered": True})],
                          x + 300, y + 100, "Microfilter")
        modem = self.device("dsl-modem", [("line", "passive", None), ("lan", "ethernet", None)],
                            x + 300, y, "DSL modem")
        desk = self.phone(x + 450, y + 100)
        self.wire(wall, "jack", split, "in")
        self.wire(split, "o1", modem, "line")
        self.wire(split, "o2", flt, "line")
        self.wire(flt, "phone", desk, "line")

    def miswire(self) -> None:
        """Swap one random cable end onto another random jack (a realistic slip)."""
        links = self.plan.links[-30:]
        if not links:
            return
        link = self.rng.choice(links)
        device = self.plan.device(link.a.device)
        port = self.rng.choice(device.ports)
        if PortRef(device.id, port.id) != link.b:
            self.plan.set_link_ends(link.id, PortRef(device.id, port.id), link.b)


def generate(devices: int, seed: int = 1) -> Plan:
    builder = Builder(seed)
    layouts = [builder.home_office, builder.key_system, builder.ip_pbx_office, builder.hotel_floor,
               builder.dsl_home]
    site = 0
    while builder.n < devices:
        x, y = (site % 20) * 1200.0, (site // 20) * 900.0
        builder.rng.choice(layouts)(x, y)
        if builder.rng.random() < 0.1:
            builder.miswire()
        site += 1
    return builder.plan
