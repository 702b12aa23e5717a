"""Every rule FX101-FX602 on small hand-built plans: where it fires, where it must not.

Each case lists the findings it expects in the normal state (code and, where
rules.md makes them unambiguous, the exact devices, ports and links), the
codes that must not appear, and usually the complete list of codes. Each case
is then checked under every scenario as rules.md's "Outage scenarios" says:
every rule except FX202 reports exactly as in the normal state (FX5xx look at
the power scenario themselves); FX202 reports its normal findings plus one for
each station that reaches the outside normally but not under the scenario
(`lost` below: station -> the device named as down, None when the station
itself is the one that is down).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from helpers import SPEC_DEVICE_TYPES

from fxdesigner.model.plan import Plan
from fxdesigner.rules.engine import check
from fxdesigner.rules.findings import SEVERITY_RANK, Finding
from fxdesigner.rules.reach import SCENARIO_PHRASE
from fxdesigner.rules.registry import BY_CODE, RULES
from fxdesigner.rules.trace import trace

from .builders import PlanBuilder
from .common import SCENARIOS, key, stations


@dataclass(frozen=True)
class F:
    """An expected finding; ports/links None means "not pinned down by this case"."""

    code: str
    devices: tuple[str, ...]
    ports: tuple[str, ...] | None = None
    links: tuple[str, ...] | None = None

    def matches(self, finding: Finding) -> bool:
        return (
            finding.code == self.code
            and finding.devices == self.devices
            and (self.ports is None or finding.ports == self.ports)
            and (self.links is None or finding.links == self.links)
        )


@dataclass
class Case:
    name: str
    build: Callable[[], Plan]
    fires: tuple[F, ...] = ()
    absent: tuple[str, ...] = ()
    #: Every code of the normal-state check, sorted (None: not pinned down).
    codes: tuple[str, ...] | None = None
    #: scenario -> {station: device named as down (None: the station itself)}.
    lost: dict[str, dict[str, str | None]] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.name


CASES: list[Case] = []


def case(name: str, *, fires: tuple[F, ...] = (), absent: tuple[str, ...] = (),
         codes: tuple[str, ...] | None = None, lost: dict[str, dict[str, str | None]] | None = None):  # type: ignore[no-untyped-def]
    def register(build: Callable[[], Plan]) -> Callable[[], Plan]:
        CASES.append(Case(name, build, fires, absent, tuple(sorted(codes)) if codes is not None else None,
                          lost or {}))
        return build

    return register


# =============================================================================
# FX101 fxs-to-fxs
# =============================================================================


@case("FX101 two ATA phone jacks cabled together",
      fires=(F("FX101", ("ata1", "ata2"), ("ata1:phone1", "ata2:phone1"), ("l1",)),),
      codes=("FX101",))
def _() -> Plan:
    b = PlanBuilder()
    a1, a2 = b.ata(), b.ata()
    b.link(a1, "phone1", a2, "phone1")
    return b.plan


@case("FX101 three FXS jacks and a phone on one splitter",
      fires=(F("FX101", ("ata1", "pbx1"), ("ata1:phone1", "ata1:phone2", "pbx1:ext1"),
               ("l1", "l2", "l3", "l4")),),
      absent=("FX104", "FX202"), codes=("FX101",))
def _() -> Plan:
    b = PlanBuilder()
    ata = b.ata(phones=2)
    pbx = b.pbx(co=1, ext=1)
    split = b.splitter(outs=3)
    phone = b.phone()
    b.link(ata, "phone1", split, "in")
    b.link(ata, "phone2", split, "out1")
    b.link(pbx, "ext1", split, "out2")
    b.link(phone, "line", split, "out3")
    return b.plan


@case("FX101 and FX108 on an ATA cabled to itself",
      fires=(F("FX101", ("ata1",), ("ata1:phone1", "ata1:phone2"), ("l1",)),
             F("FX108", ("ata1",), ("ata1:phone1", "ata1:phone2"), ("l1",))),
      codes=("FX101", "FX108"))
def _() -> Plan:
    b = PlanBuilder()
    ata = b.ata(phones=2)
    b.link(ata, "phone1", ata, "phone2")
    return b.plan


@case("FX101 near miss: a street line on the same pair makes it FX102",
      fires=(F("FX102", ("pstn1", "ata1"), ("pstn1:jack", "ata1:phone1", "ata1:phone2"), ("l1", "l2", "l3")),
             F("FX203", ("pstn1",), ("pstn1:jack",), ())),
      absent=("FX101", "FX103"), codes=("FX102", "FX203"))
def _() -> Plan:
    b = PlanBuilder()
    pstn = b.pstn()
    ata = b.ata(phones=2)
    split = b.splitter(outs=2)
    b.link(ata, "phone1", split, "in")
    b.link(ata, "phone2", split, "out1")
    b.link(pstn, "jack", split, "out2")
    return b.plan


@case("FX101 near miss: one FXS jack feeding one phone",
      fires=(F("FX202", ("phone1", "ata1"), ("phone1:line",), ()),),
      absent=("FX101",), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    phone, ata = b.phone(), b.ata()
    b.link(phone, "line", ata, "phone1")
    return b.plan


# =============================================================================
# FX102 street-line-into-fxs
# =============================================================================


@case("FX102 street line into an ATA's PHONE jack",
      fires=(F("FX102", ("pstn1", "ata1"), ("pstn1:jack", "ata1:phone1"), ("l1",)),
             F("FX203", ("pstn1",), ("pstn1:jack",), ())),
      codes=("FX102", "FX203"))
def _() -> Plan:
    b = PlanBuilder()
    pstn, ata = b.pstn(), b.ata()
    b.link(pstn, "jack", ata, "phone1")
    return b.plan


@case("FX102 street line and a PBX extension on one splitter with a phone",
      fires=(F("FX102", ("pstn1", "pbx1"), ("pstn1:jack", "pbx1:ext1"), ("l1", "l2", "l3")),),
      absent=("FX101", "FX202", "FX203", "FX302"), codes=("FX102",))
def _() -> Plan:
    b = PlanBuilder()
    pstn = b.pstn()
    split = b.splitter(outs=2)
    phone = b.phone()
    pbx = b.pbx(co=1, ext=1)
    b.link(pstn, "jack", split, "in")
    b.link(split, "out1", phone, "line")
    b.link(split, "out2", pbx, "ext1")
    return b.plan


@case("FX102 near miss: street line into a PBX trunk (FXO)",
      fires=(F("FX501", ("phone1",), (), ()),),
      absent=("FX102",), codes=("FX501",),
      lost={"power": {"phone1": "pbx1"}})
def _() -> Plan:
    b = PlanBuilder()
    pstn, pbx, phone = b.pstn(), b.pbx(co=1, ext=1), b.phone()
    b.link(pstn, "jack", pbx, "co1")
    b.link(phone, "line", pbx, "ext1")
    return b.plan


@case("FX102 near miss: street line into an HT813 LINE jack, phone on its PHONE jack",
      absent=("FX102", "FX503", "FX501"), codes=())
def _() -> Plan:
    b = PlanBuilder()
    pstn, ata, phone = b.pstn(), b.ata(relay=True, t38=True), b.phone()
    b.link(pstn, "jack", ata, "line1")
    b.link(phone, "line", ata, "phone1")
    return b.plan


# =============================================================================
# FX103 street-lines-bridged
# =============================================================================


@case("FX103 two street lines cabled together",
      fires=(F("FX103", ("pstn1", "pstn2"), ("pstn1:jack", "pstn2:jack"), ("l1",)),
             F("FX203", ("pstn1",), ("pstn1:jack",), ()),
             F("FX203", ("pstn2",), ("pstn2:jack",), ())),
      codes=("FX103", "FX203", "FX203"))
def _() -> Plan:
    b = PlanBuilder()
    p1, p2 = b.pstn(), b.pstn()
    b.link(p1, "jack", p2, "jack")
    return b.plan


@case("FX103 two street lines on one splitter with a phone",
      fires=(F("FX103", ("pstn1", "pstn2"), ("pstn1:jack", "pstn2:jack"), ("l1", "l2", "l3")),),
      absent=("FX203", "FX202", "FX302"), codes=("FX103",))
def _() -> Plan:
    b = PlanBuilder()
    p1, p2, split, phone = b.pstn(), b.pstn(), b.splitter(), b.phone()
    b.link(p1, "jack", split, "in")
    b.link(p2, "jack", split, "out1")
    b.link(phone, "line", split, "out2")
    return b.plan


@case("FX103 near miss: two street lines on two PBX trunks",
      absent=("FX103",), codes=("FX501",),
      lost={"power": {"phone1": "pbx1"}})
def _() -> Plan:
    b = PlanBuilder()
    p1, p2, pbx, phone = b.pstn(), b.pstn(), b.pbx(co=2, ext=1), b.phone()
    b.link(p1, "jack", pbx, "co1")
    b.link(p2, "jack", pbx, "co2")
    b.link(phone, "line", pbx, "ext1")
    return b.plan


@case("FX103 near miss: two street lines on separate splitters", absent=("FX103",), codes=())
def _() -> Plan:
    b = PlanBuilder()
    for _ in range(2):
        pstn, split, phone = b.pstn(), b.splitter(), b.phone()
        b.link(pstn, "jack", split, "in")
        b.link(split, "out1", phone, "line")
    return b.plan


# =============================================================================
# FX104 line-without-source
# =============================================================================


@case("FX104 phone into an ATA's LINE jack",
      fires=(F("FX104", ("phone1", "ata1"), ("phone1:line", "ata1:line1"), ("l1",)),),
      absent=("FX201", "FX202"), codes=("FX104",))
def _() -> Plan:
    b = PlanBuilder()
    phone, ata = b.phone(), b.ata(line=True)
    b.link(phone, "line", ata, "line1")
    return b.plan


@case("FX104 two phones plugged into each other",
      fires=(F("FX104", ("phone1", "phone2"), ("phone1:line", "phone2:line"), ("l1",)),),
      codes=("FX104",))
def _() -> Plan:
    b = PlanBuilder()
    p1, p2 = b.phone(), b.phone()
    b.link(p1, "line", p2, "line")
    return b.plan


@case("FX104 PBX trunk left on a dead splitter",
      fires=(F("FX104", ("pbx1", "split1"), ("pbx1:co1", "split1:in", "split1:out1", "split1:out2"),
               ("l1",)),),
      codes=("FX104",))
def _() -> Plan:
    b = PlanBuilder()
    pbx, split = b.pbx(co=1, ext=1), b.splitter()
    b.link(pbx, "co1", split, "in")
    return b.plan


@case("FX104 near miss: a single unplugged phone", absent=("FX104",),
      fires=(F("FX201", ("phone1",), ("phone1:line",), ()),), codes=("FX201",))
def _() -> Plan:
    b = PlanBuilder()
    b.phone()
    return b.plan


@case("FX104 near miss: phone on a PBX digital jack is FX106",
      fires=(F("FX106", ("pbx1", "phone1"), ("pbx1:dig1", "phone1:line"), ("l1",)),),
      absent=("FX104", "FX202"), codes=("FX106",))
def _() -> Plan:
    b = PlanBuilder()
    pbx, phone = b.pbx(co=0, ext=0, digital=1), b.phone()
    b.link(pbx, "dig1", phone, "line")
    return b.plan


# =============================================================================
# FX105 analog-into-ethernet
# =============================================================================


@case("FX105 phone cord into a PoE switch port",
      fires=(F("FX105", ("phone1", "switch1"), ("phone1:line", "switch1:port1"), ("l1",)),),
      absent=("FX201", "FX202", "FX204"), codes=("FX105",))
def _() -> Plan:
    b = PlanBuilder()
    phone, switch = b.phone(), b.switch(ports=2, poe=True)
    b.link(phone, "line", switch, "port1")
    return b.plan


@case("FX105 ATA PHONE jack into a router LAN port",
      fires=(F("FX105", ("ata1", "router1"), ("ata1:phone1", "router1:lan1"), ("l1",)),),
      codes=("FX105",))
def _() -> Plan:
    b = PlanBuilder()
    ata, router = b.ata(), b.router()
    b.link(ata, "phone1", router, "lan1")
    return b.plan


@case("FX105 near miss: Ethernet to Ethernet", absent=("FX105",), codes=())
def _() -> Plan:
    b = PlanBuilder()
    router, ata = b.router(), b.ata()
    b.link(router, "lan1", ata, "wan")
    return b.plan


@case("FX105 near miss: passive jack to a phone (FX104 instead)",
      fires=(F("FX104", ("phone1", "split1"), None, ("l1",)),), absent=("FX105",), codes=("FX104",))
def _() -> Plan:
    b = PlanBuilder()
    phone, split = b.phone(), b.splitter()
    b.link(split, "out1", phone, "line")
    return b.plan


# =============================================================================
# FX106 analog-on-digital-station
# =============================================================================


@case("FX106 digital handset into an ATA PHONE jack",
      fires=(F("FX106", ("dphone1", "ata1"), ("dphone1:line", "ata1:phone1"), ("l1",)),
             F("FX202", ("dphone1",), ("dphone1:line",), ())),
      codes=("FX106", "FX202"))
def _() -> Plan:
    b = PlanBuilder()
    dphone, ata = b.digital_phone(), b.ata()
    b.link(dphone, "line", ata, "phone1")
    return b.plan


@case("FX106 PBX digital jack, digital handset and analog phone on one splitter",
      fires=(F("FX106", ("pbx1", "dphone1", "phone1"), ("pbx1:dig1", "dphone1:line", "phone1:line"),
               ("l1", "l2", "l3")),
             F("FX202", ("dphone1", "pbx1"), ("dphone1:line",), ())),
      absent=("FX104",), codes=("FX106", "FX202"))
def _() -> Plan:
    b = PlanBuilder()
    pbx, split, dphone, phone = b.pbx(co=0, ext=0, digital=1), b.splitter(), b.digital_phone(), b.phone()
    b.link(pbx, "dig1", split, "in")
    b.link(split, "out1", dphone, "line")
    b.link(split, "out2", phone, "line")
    return b.plan


@case("FX106 near miss: digital handset on a key system's digital jack",
      absent=("FX106", "FX202"), codes=("FX501",), lost={"power": {"dphone1": "pbx1"}})
def _() -> Plan:
    b = PlanBuilder()
    pstn, pbx, dphone = b.pstn(), b.pbx(co=1, ext=0, digital=1), b.digital_phone()
    b.link(pstn, "jack", pbx, "co1")
    b.link(pbx, "dig1", dphone, "line")
    return b.plan


@case("FX106 near miss: digital pair through a splitter, no trunks",
      fires=(F("FX202", ("dphone1", "pbx1"), ("dphone1:line",), ()),),
      absent=("FX106", "FX104"), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    pbx, split, dphone = b.pbx(co=0, ext=0, digital=1), b.splitter(), b.digital_phone()
    b.link(pbx, "dig1", split, "in")
    b.link(split, "out1", dphone, "line")
    return b.plan


# =============================================================================
# FX107 two-cables-in-one-jack
# =============================================================================


@case("FX107 two phones in one ATA PHONE jack",
      fires=(F("FX107", ("ata1",), ("ata1:phone1",), ("l1", "l2")),
             F("FX202", ("phone1", "ata1"), ("phone1:line",), ()),
             F("FX202", ("phone2", "ata1"), ("phone2:line",), ())),
      codes=("FX107", "FX202", "FX202"))
def _() -> Plan:
    b = PlanBuilder()
    ata, p1, p2 = b.ata(), b.phone(), b.phone()
    b.link(p1, "line", ata, "phone1")
    b.link(p2, "line", ata, "phone1")
    return b.plan


@case("FX107 two routers in one internet port (the internet device is shared, not a boundary)",
      fires=(F("FX107", ("inet1",), ("inet1:eth",), ("l1", "l2")), F("FX501", ("phone1",), (), ())),
      codes=("FX107", "FX501"),
      lost={"power": {"phone1": "ata1"}, "internet": {"phone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    inet, r1, r2, ata, phone = b.internet(), b.router(), b.router(), b.ata(t38=True), b.phone()
    b.link(inet, "eth", r1, "wan")
    b.link(inet, "eth", r2, "wan")
    b.link(r2, "lan1", ata, "wan")
    b.link(phone, "line", ata, "phone1")
    return b.plan


@case("FX107 near miss: two cables in one passive splitter jack", absent=("FX107",), codes=())
def _() -> Plan:
    b = PlanBuilder()
    pstn, split, p1, p2 = b.pstn(), b.splitter(), b.phone(), b.phone()
    b.link(pstn, "jack", split, "in")
    b.link(split, "out1", p1, "line")
    b.link(split, "out1", p2, "line")
    return b.plan


@case("FX107 near miss: one cable per jack",
      absent=("FX107",), codes=("FX202", "FX202"))
def _() -> Plan:
    b = PlanBuilder()
    ata, p1, p2 = b.ata(phones=2), b.phone(), b.phone()
    b.link(p1, "line", ata, "phone1")
    b.link(p2, "line", ata, "phone2")
    return b.plan


# =============================================================================
# FX108 self-link
# =============================================================================


@case("FX108 router LAN cabled to its own LAN",
      fires=(F("FX108", ("router1",), ("router1:lan1", "router1:lan2"), ("l1",)),), codes=("FX108",))
def _() -> Plan:
    b = PlanBuilder()
    router = b.router()
    b.link(router, "lan1", router, "lan2")
    return b.plan


@case("FX108 splitter jack cabled to its own jack",
      fires=(F("FX108", ("split1",), ("split1:out1", "split1:out2"), ("l1",)),), codes=("FX108",))
def _() -> Plan:
    b = PlanBuilder()
    split = b.splitter()
    b.link(split, "out1", split, "out2")
    return b.plan


@case("FX108 near miss: ATA to a phone", absent=("FX108",), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    ata, phone = b.ata(), b.phone()
    b.link(ata, "phone1", phone, "line")
    return b.plan


@case("FX108 near miss: splitter to another splitter", absent=("FX108",), codes=())
def _() -> Plan:
    b = PlanBuilder()
    s1, s2 = b.splitter(), b.splitter()
    b.link(s1, "out1", s2, "in")
    return b.plan


# =============================================================================
# FX201 station-unplugged
# =============================================================================


@case("FX201 lone phone", fires=(F("FX201", ("phone1",), ("phone1:line",), ()),), codes=("FX201",))
def _() -> Plan:
    b = PlanBuilder()
    b.phone()
    return b.plan


@case("FX201 IP phone with no network cable",
      fires=(F("FX201", ("ipphone1",), ("ipphone1:lan",), ()),), absent=("FX202",), codes=("FX201",))
def _() -> Plan:
    b = PlanBuilder()
    b.ip_phone()
    return b.plan


@case("FX201 fax and alarm panel unplugged, a station with no line jack at all",
      fires=(F("FX201", ("fax1",), ("fax1:line",), ()), F("FX201", ("alarm1",), ("alarm1:line",), ()),
             F("FX201", ("phone1",), (), ())),
      codes=("FX201", "FX201", "FX201"))
def _() -> Plan:
    b = PlanBuilder()
    b.fax()
    b.alarm()
    b.add("analog-phone", [("data", "ethernet")])
    return b.plan


@case("FX201 near miss: IP phone plugged into a switch with no way out",
      fires=(F("FX202", ("ipphone1",), ("ipphone1:lan",), ()),), absent=("FX201",), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    switch, ipp = b.switch(poe=True), b.ip_phone()
    b.link(ipp, "lan", switch, "port1")
    return b.plan


@case("FX201 near miss: an unplugged ATA is not a station (FX204)",
      fires=(F("FX204", ("ata1",), (), ()),), absent=("FX201",), codes=("FX204",))
def _() -> Plan:
    b = PlanBuilder()
    b.ata()
    return b.plan


# =============================================================================
# FX202 no-outside-line
# =============================================================================


@case("FX202 phone on an ATA whose WAN is unplugged",
      fires=(F("FX202", ("phone1", "ata1"), ("phone1:line",), ()),), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    phone, ata = b.phone(), b.ata()
    b.link(phone, "line", ata, "phone1")
    return b.plan


@case("FX202 phones on a PBX without trunks",
      fires=(F("FX202", ("phone1", "pbx1"), ("phone1:line",), ()),
             F("FX202", ("phone2", "pbx1"), ("phone2:line",), ())),
      codes=("FX202", "FX202"))
def _() -> Plan:
    b = PlanBuilder()
    pbx, p1, p2 = b.pbx(co=1, ext=2), b.phone(), b.phone()
    b.link(p1, "line", pbx, "ext1")
    b.link(p2, "line", pbx, "ext2")
    return b.plan


@case("FX202 digital handset on two PBX digital jacks (not exactly one)",
      fires=(F("FX202", ("dphone1",), ("dphone1:line",), ()),), absent=("FX106",),
      codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    pstn, pbx, split, dphone = b.pstn(), b.pbx(co=1, ext=0, digital=2), b.splitter(), b.digital_phone()
    b.link(pstn, "jack", pbx, "co1")
    b.link(pbx, "dig1", split, "in")
    b.link(pbx, "dig2", split, "out1")
    b.link(split, "out2", dphone, "line")
    return b.plan


@case("FX202 near miss: phone on an ATA that is online",
      absent=(), codes=("FX501",), lost={"power": {"phone1": "ata1"}, "internet": {"phone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    ata, phone = b.ata(), b.phone()
    b.online(ata)
    b.link(phone, "line", ata, "phone1")
    return b.plan


@case("FX202 near miss: corded phone on a copper line", absent=("FX202",), codes=())
def _() -> Plan:
    b = PlanBuilder()
    pstn, phone = b.pstn(), b.phone()
    b.link(pstn, "jack", phone, "line")
    return b.plan


# =============================================================================
# FX203 street-line-unused
# =============================================================================


@case("FX203 street line with no cable", fires=(F("FX203", ("pstn1",), ("pstn1:jack",), ()),),
      absent=("FX204",), codes=("FX203",))
def _() -> Plan:
    b = PlanBuilder()
    b.pstn()
    return b.plan


@case("FX203 street line into an empty splitter", fires=(F("FX203", ("pstn1",), ("pstn1:jack",), ()),),
      codes=("FX203",))
def _() -> Plan:
    b = PlanBuilder()
    pstn, split = b.pstn(), b.splitter()
    b.link(pstn, "jack", split, "in")
    return b.plan


@case("FX203 street line into a router port (also FX105)",
      fires=(F("FX203", ("pstn1",), ("pstn1:jack",), ()),
             F("FX105", ("pstn1", "router1"), ("pstn1:jack", "router1:lan1"), ("l1",))),
      codes=("FX105", "FX203"))
def _() -> Plan:
    b = PlanBuilder()
    pstn, router = b.pstn(), b.router()
    b.link(pstn, "jack", router, "lan1")
    return b.plan


@case("FX203 near miss: only a DSL modem on the line", absent=("FX203", "FX602", "FX601"), codes=())
def _() -> Plan:
    b = PlanBuilder()
    pstn, dsl = b.pstn(), b.dsl_modem()
    b.link(pstn, "jack", dsl, "line")
    return b.plan


@case("FX203 near miss: a PBX trunk on the line", absent=("FX203",), codes=())
def _() -> Plan:
    b = PlanBuilder()
    pstn, pbx = b.pstn(), b.pbx(co=1, ext=1)
    b.link(pstn, "jack", pbx, "co1")
    return b.plan


# =============================================================================
# FX204 device-isolated
# =============================================================================


@case("FX204 lone router", fires=(F("FX204", ("router1",), (), ()),), codes=("FX204",))
def _() -> Plan:
    b = PlanBuilder()
    b.router()
    return b.plan


@case("FX204 lone splitter and lone internet",
      fires=(F("FX204", ("split1",), (), ()), F("FX204", ("inet1",), (), ())), codes=("FX204", "FX204"))
def _() -> Plan:
    b = PlanBuilder()
    b.splitter()
    b.internet()
    return b.plan


@case("FX204 near miss: lone station and lone street line",
      fires=(F("FX201", ("phone1",), ("phone1:line",), ()), F("FX203", ("pstn1",), ("pstn1:jack",), ())),
      absent=("FX204",), codes=("FX201", "FX203"))
def _() -> Plan:
    b = PlanBuilder()
    b.phone()
    b.pstn()
    return b.plan


@case("FX204 near miss: router cabled to the internet", absent=("FX204",), codes=())
def _() -> Plan:
    b = PlanBuilder()
    b.online(b.router())
    return b.plan


# =============================================================================
# FX205 unknown-device-type
# =============================================================================


@case("FX205 unknown device type, not connected",
      fires=(F("FX205", ("teleporter1",), (), ()), F("FX204", ("teleporter1",), (), ())),
      codes=("FX204", "FX205"))
def _() -> Plan:
    b = PlanBuilder()
    b.add("teleporter", [("p1", "fxs")])
    return b.plan


@case("FX205 unknown device feeding a phone from its FXS jack",
      fires=(F("FX205", ("fxsbox1",), (), ()), F("FX202", ("phone1", "fxsbox1"), ("phone1:line",), ())),
      codes=("FX202", "FX205"))
def _() -> Plan:
    b = PlanBuilder()
    box, phone = b.add("fxs-box", [("out", "fxs")]), b.phone()
    b.link(box, "out", phone, "line")
    return b.plan


@case("FX205 near miss: a generic box is a known type",
      fires=(F("FX104", ("phone1", "generic1"), None, ("l1",)),), absent=("FX205",), codes=("FX104",))
def _() -> Plan:
    b = PlanBuilder()
    box, phone = b.generic([("p1", "passive"), ("p2", "passive")]), b.phone()
    b.link(box, "p1", phone, "line")
    return b.plan


@case("FX205 near miss: one unplugged device of every known type",
      absent=("FX205",),
      codes=("FX201",) * 8 + ("FX203",) + ("FX204",) * 11)
def _() -> Plan:
    b = PlanBuilder()
    b.pstn(); b.phone(); b.cordless(); b.fax(); b.modem(); b.alarm(); b.elevator()  # noqa: E702
    b.digital_phone(); b.ata(); b.gateway(); b.pbx(); b.ip_pbx(); b.ip_phone()  # noqa: E702
    b.router(); b.switch(); b.internet(); b.dsl_modem(); b.splitter(); b.dsl_filter()  # noqa: E702
    b.generic([("p1", "passive")])
    return b.plan


# =============================================================================
# FX301 ringer-load-over-port-budget
# =============================================================================


def _fxs_splitter_phones(b: PlanBuilder, ata_budget: float | None, n: int, **ata_props: object) -> None:
    ata = b.ata(ren_budget=ata_budget, **ata_props)  # type: ignore[arg-type]
    split = b.splitter(outs=n)
    b.link(ata, "phone1", split, "in")
    for i in range(1, n + 1):
        b.link(split, f"out{i}", b.phone(), "line")


@case("FX301 three phones on an FXS jack rated REN 2",
      fires=(F("FX301", ("ata1", "phone1", "phone2", "phone3"),
               ("ata1:phone1", "phone1:line", "phone2:line", "phone3:line"), ()),),
      codes=("FX202", "FX202", "FX202", "FX301"))
def _() -> Plan:
    b = PlanBuilder()
    _fxs_splitter_phones(b, 2, 3)
    return b.plan


@case("FX301 a device with unknown REN counts 1.0",
      fires=(F("FX301", ("ata1", "phone1", "modem1"), ("ata1:phone1", "phone1:line", "modem1:line"), ()),
             F("FX402", ("modem1", "ata1"), ("modem1:line", "ata1:phone1"), ())),
      codes=("FX202", "FX202", "FX301", "FX402"))
def _() -> Plan:
    b = PlanBuilder()
    ata, split = b.ata(ren_budget=1.5), b.splitter()
    phone, modem = b.phone(), b.modem(ren=None)
    b.plan.device("modem1").properties["ren"] = None
    b.link(ata, "phone1", split, "in")
    b.link(split, "out1", phone, "line")
    b.link(split, "out2", modem, "line")
    return b.plan


@case("FX301 one phone with REN 2.5 on a REN 2 jack",
      fires=(F("FX301", ("ata1", "phone1"), ("ata1:phone1", "phone1:line"), ()),), codes=("FX202", "FX301"))
def _() -> Plan:
    b = PlanBuilder()
    ata, phone = b.ata(ren_budget=2), b.phone(ren=2.5)
    b.link(ata, "phone1", phone, "line")
    return b.plan


@case("FX301 a PBX trunk (REN unknown) counts 1.0 next to a phone",
      fires=(F("FX301", ("gw1", "pbx1", "phone1"), ("gw1:fxs1", "pbx1:co1", "phone1:line"), ()),),
      codes=("FX202", "FX202", "FX301"))
def _() -> Plan:
    b = PlanBuilder()
    gw, split, pbx, phone = b.gateway(fxs=1), b.splitter(), b.pbx(co=1, ext=1), b.phone()
    b.set_port(gw, "fxs1", ren_budget=1.5)
    b.link(gw, "fxs1", split, "in")
    b.link(split, "out1", pbx, "co1")
    b.link(split, "out2", phone, "line")
    b.link(b.phone(), "line", pbx, "ext1")
    return b.plan


@case("FX301 near miss: unknown ren_budget", absent=("FX301",), codes=("FX202",) * 5)
def _() -> Plan:
    b = PlanBuilder()
    _fxs_splitter_phones(b, None, 5)
    return b.plan


@case("FX301 near miss: exactly at the budget", absent=("FX301",), codes=("FX202",) * 3)
def _() -> Plan:
    b = PlanBuilder()
    _fxs_splitter_phones(b, 3, 3)
    return b.plan


@case("FX301 near miss: two FXS sources on the pair (not fed by one port)",
      fires=(F("FX101", ("ata1",), ("ata1:phone1", "ata1:phone2"), None),),
      absent=("FX301", "FX202"), codes=("FX101",))
def _() -> Plan:
    b = PlanBuilder()
    ata, split = b.ata(phones=2, ren_budget=0.5), b.splitter(outs=3)
    b.link(ata, "phone1", split, "in")
    b.link(ata, "phone2", split, "out1")
    b.link(split, "out2", b.phone(), "line")
    b.link(split, "out3", b.phone(), "line")
    return b.plan


# =============================================================================
# FX302 ringer-load-over-line-limit
# =============================================================================


def _line_phones(region: str | None, n: int, ren_budget: float | None = None) -> Plan:
    b = PlanBuilder(region=region)
    pstn, split = b.pstn(ren_budget=ren_budget), b.splitter(outs=n)
    b.link(pstn, "jack", split, "in")
    for i in range(1, n + 1):
        b.link(split, f"out{i}", b.phone(), "line")
    return b.plan


_SIX = tuple(f"phone{i}" for i in range(1, 7))


@case("FX302 six phones on a US street line (limit 5)",
      fires=(F("FX302", ("pstn1", *_SIX), ("pstn1:jack", *(f"{p}:line" for p in _SIX)), ()),),
      codes=("FX302",))
def _() -> Plan:
    return _line_phones("US", 6)


@case("FX302 four phones on an AU street line (limit 3)",
      fires=(F("FX302", ("pstn1", *_SIX[:4]), ("pstn1:jack", *(f"{p}:line" for p in _SIX[:4])), ()),),
      codes=("FX302",))
def _() -> Plan:
    return _line_phones("AU", 4)


@case("FX302 explicit ren_budget 1 on the street line, two phones",
      fires=(F("FX302", ("pstn1", "phone1", "phone2"), ("pstn1:jack", "phone1:line", "phone2:line"), ()),),
      codes=("FX302",))
def _() -> Plan:
    return _line_phones("US", 2, ren_budget=1)


@case("FX302 six phones, no region (defaults to US)", fires=(F("FX302", ("pstn1", *_SIX)),),
      codes=("FX302",))
def _() -> Plan:
    return _line_phones(None, 6)


@case("FX302 near miss: exactly the US limit", absent=("FX302",), codes=())
def _() -> Plan:
    return _line_phones("US", 5)


@case("FX302 near miss: four phones in GB (limit 4)", absent=("FX302",), codes=())
def _() -> Plan:
    return _line_phones("GB", 4)


@case("FX302 near miss: four phones in US; FX301 not for street lines", absent=("FX302", "FX301"), codes=())
def _() -> Plan:
    return _line_phones("US", 4)


# =============================================================================
# FX303 loop-too-long
# =============================================================================


@case("FX303 150 m on a jack rated 100 m",
      fires=(F("FX303", ("ata1", "phone1"), ("ata1:phone1", "phone1:line"), ("l1",)),),
      codes=("FX202", "FX303"))
def _() -> Plan:
    b = PlanBuilder()
    ata, phone = b.ata(max_loop_m=100), b.phone()
    b.link(ata, "phone1", phone, "line", length_m=150)
    return b.plan


@case("FX303 through a splitter: only the far phone is too far",
      fires=(F("FX303", ("ata1", "phone2"), ("ata1:phone1", "phone2:line"), ("l1", "l3")),),
      codes=("FX202", "FX202", "FX303"))
def _() -> Plan:
    b = PlanBuilder()
    ata, split, p1, p2 = b.ata(max_loop_m=100), b.splitter(), b.phone(), b.phone()
    b.link(ata, "phone1", split, "in", length_m=60)
    b.link(split, "out1", p1, "line", length_m=30)
    b.link(split, "out2", p2, "line", length_m=50)
    return b.plan


@case("FX303 near miss: exactly max_loop_m", absent=("FX303",), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    ata, phone = b.ata(max_loop_m=100), b.phone()
    b.link(ata, "phone1", phone, "line", length_m=100)
    return b.plan


@case("FX303 near miss: unknown max_loop_m", absent=("FX303",), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    ata, phone = b.ata(), b.phone()
    b.link(ata, "phone1", phone, "line", length_m=5000)
    return b.plan


@case("FX303 near miss: unknown lengths count 0", absent=("FX303",), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    ata, split, phone = b.ata(max_loop_m=10), b.splitter(), b.phone()
    b.link(ata, "phone1", split, "in")
    b.link(split, "out1", phone, "line")
    b.plan.link("l2").properties["length_m"] = None
    return b.plan


@case("FX303 near miss: the shortest of two routes counts", absent=("FX303",), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    ata, s1, s2, phone = b.ata(max_loop_m=100), b.splitter(), b.splitter(), b.phone()
    b.link(ata, "phone1", s1, "in", length_m=10)
    b.link(s1, "out1", s2, "in", length_m=500)
    b.link(s1, "out2", s2, "out1", length_m=20)
    b.link(s2, "out2", phone, "line", length_m=10)
    return b.plan


# =============================================================================
# FX304 fxs-wiring-leaves-building
# =============================================================================


@case("FX304 FXS cable straight out of the building",
      fires=(F("FX304", ("ata1", "phone1"), ("ata1:phone1", "phone1:line"), ("l1",)),),
      codes=("FX202", "FX304"))
def _() -> Plan:
    b = PlanBuilder()
    ata, phone = b.ata(), b.phone()
    b.link(ata, "phone1", phone, "line", leaves_building=True)
    return b.plan


@case("FX304 FXS pair leaves the building after a splitter",
      fires=(F("FX304", ("ata1", "split1", "phone1"), ("ata1:phone1", "split1:out1", "phone1:line"),
               ("l2",)),),
      codes=("FX202", "FX304"))
def _() -> Plan:
    b = PlanBuilder()
    ata, split, phone = b.ata(), b.splitter(), b.phone()
    b.link(ata, "phone1", split, "in")
    b.link(split, "out1", phone, "line", leaves_building=True)
    return b.plan


@case("FX304 near miss: the street line's cable leaves the building", absent=("FX304",), codes=())
def _() -> Plan:
    b = PlanBuilder()
    pstn, phone = b.pstn(), b.phone()
    b.link(pstn, "jack", phone, "line", leaves_building=True)
    return b.plan


@case("FX304 near miss: leaves_building false", absent=("FX304",), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    ata, phone = b.ata(), b.phone()
    b.link(ata, "phone1", phone, "line", leaves_building=False)
    return b.plan


# =============================================================================
# FX401 fax-without-t38 and FX402 modem-over-voip
# =============================================================================


@case("FX401 fax on an ATA with T.38 off",
      fires=(F("FX401", ("fax1", "ata1"), ("fax1:line", "ata1:phone1"), ()),), codes=("FX202", "FX401"))
def _() -> Plan:
    b = PlanBuilder()
    fax, ata = b.fax(), b.ata(t38=False)
    b.link(fax, "line", ata, "phone1")
    return b.plan


@case("FX401 fax on an online gateway, T.38 unknown",
      fires=(F("FX401", ("fax1", "gw1"), ("fax1:line", "gw1:fxs1"), ()),), absent=("FX501",),
      codes=("FX401",), lost={"power": {"fax1": None}, "internet": {"fax1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    fax, gw = b.fax(), b.gateway()
    b.online(gw, "lan")
    b.link(fax, "line", gw, "fxs1")
    return b.plan


@case("FX401 fax on an IP PBX analog card",
      fires=(F("FX401", ("fax1", "ippbx1"), ("fax1:line", "ippbx1:fxs1"), ()),), codes=("FX202", "FX401"))
def _() -> Plan:
    b = PlanBuilder()
    fax, pbx = b.fax(), b.ip_pbx(fxs=1)
    b.link(fax, "line", pbx, "fxs1")
    return b.plan


@case("FX401 near miss: T.38 on", absent=("FX401",), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    fax, ata = b.fax(), b.ata(t38=True)
    b.link(fax, "line", ata, "phone1")
    return b.plan


@case("FX401 near miss: fax on a copper line", absent=("FX401",), codes=(),
      lost={"power": {"fax1": None}})
def _() -> Plan:
    b = PlanBuilder()
    fax, pstn = b.fax(), b.pstn()
    b.link(fax, "line", pstn, "jack")
    return b.plan


@case("FX401 near miss: fax on an analog PBX extension",
      fires=(F("FX202", ("fax1", "pbx1"), ("fax1:line",), ()),), absent=("FX401",), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    fax, pbx = b.fax(), b.pbx(co=1, ext=1)
    b.link(fax, "line", pbx, "ext1")
    return b.plan


@case("FX402 modem on an ATA",
      fires=(F("FX402", ("modem1", "ata1"), ("modem1:line", "ata1:phone1"), ()),), absent=("FX401",),
      codes=("FX202", "FX402"))
def _() -> Plan:
    b = PlanBuilder()
    modem, ata = b.modem(), b.ata(t38=False)
    b.link(modem, "line", ata, "phone1")
    return b.plan


@case("FX402 alarm panel on an online gateway (and FX502)",
      fires=(F("FX402", ("alarm1", "gw1"), ("alarm1:line", "gw1:fxs1"), ()),
             F("FX502", ("alarm1", "gw1"), ("alarm1:line",), ())),
      codes=("FX402", "FX502"), lost={"power": {"alarm1": "gw1"}, "internet": {"alarm1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    alarm, gw = b.alarm(), b.gateway(t38=True)
    b.online(gw, "lan")
    b.link(alarm, "line", gw, "fxs1")
    return b.plan


@case("FX402 near miss: modem on a copper line", absent=("FX402",), codes=(),
      lost={"power": {"modem1": None}})
def _() -> Plan:
    b = PlanBuilder()
    modem, pstn = b.modem(), b.pstn()
    b.link(modem, "line", pstn, "jack")
    return b.plan


@case("FX402 near miss: alarm panel on a key system on UPS", absent=("FX402", "FX502"), codes=())
def _() -> Plan:
    b = PlanBuilder()
    pstn, pbx, alarm = b.pstn(), b.pbx(co=1, ext=1, ups=True), b.alarm()
    b.link(pstn, "jack", pbx, "co1")
    b.link(alarm, "line", pbx, "ext1")
    return b.plan


# =============================================================================
# FX501 no-lifeline
# =============================================================================


@case("FX501 the only phone is on an ATA",
      fires=(F("FX501", ("phone1",), (), ()),), codes=("FX501",),
      lost={"power": {"phone1": "ata1"}, "internet": {"phone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    ata, phone = b.ata(), b.phone()
    b.online(ata)
    b.link(phone, "line", ata, "phone1")
    return b.plan


@case("FX501 an IP phone on a PoE switch and an analog phone on an ATA",
      fires=(F("FX501", ("ipphone1", "phone1"), (), ()),), codes=("FX501",),
      lost={"power": {"ipphone1": None, "phone1": "ata1"},
            "internet": {"ipphone1": "inet1", "phone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    inet, router, switch, ipp = b.internet(), b.router(), b.switch(poe=True), b.ip_phone()
    ata, phone = b.ata(), b.phone()
    b.link(inet, "eth", router, "wan")
    b.link(router, "lan1", switch, "port4")
    b.link(ipp, "lan", switch, "port1")
    b.link(router, "lan2", ata, "wan")
    b.link(phone, "line", ata, "phone1")
    return b.plan


@case("FX501 near miss: no phone reaches the outside at all", absent=("FX501",), codes=("FX202",))
def _() -> Plan:
    b = PlanBuilder()
    ata, phone = b.ata(), b.phone()
    b.link(phone, "line", ata, "phone1")
    return b.plan


@case("FX501 near miss: only a fax reaches the outside", absent=("FX501",), codes=(),
      lost={"power": {"fax1": None}, "internet": {"fax1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    ata, fax = b.ata(t38=True), b.fax()
    b.online(ata)
    b.link(fax, "line", ata, "phone1")
    return b.plan


@case("FX501 near miss: one of two phones is on copper", absent=("FX501",), codes=(),
      lost={"power": {"phone1": "ata1"}, "internet": {"phone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    ata, phone = b.ata(), b.phone()
    b.online(ata)
    b.link(phone, "line", ata, "phone1")
    b.link(b.pstn(), "jack", b.phone(), "line")
    return b.plan


# =============================================================================
# FX502 life-safety-line-fails-in-power-cut
# =============================================================================


@case("FX502 elevator phone on an online ATA",
      fires=(F("FX502", ("elev1", "ata1"), ("elev1:line",), ()),), absent=("FX501",), codes=("FX502",),
      lost={"power": {"elev1": "ata1"}, "internet": {"elev1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    elev, ata = b.elevator(), b.ata()
    b.online(ata)
    b.link(elev, "line", ata, "phone1")
    return b.plan


@case("FX502 alarm panel (on its own battery) on an online ATA",
      fires=(F("FX502", ("alarm1", "ata1"), ("alarm1:line",), ()),
             F("FX402", ("alarm1", "ata1"), ("alarm1:line", "ata1:phone1"), ())),
      codes=("FX402", "FX502"), lost={"power": {"alarm1": "ata1"}, "internet": {"alarm1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    alarm, ata = b.alarm(), b.ata()
    b.online(ata)
    b.link(alarm, "line", ata, "phone1")
    return b.plan


@case("FX502 elevator phone on a fibre-fed line without UPS",
      fires=(F("FX502", ("elev1", "pstn1"), ("elev1:line",), ()),), codes=("FX502",),
      lost={"power": {"elev1": "pstn1"}})
def _() -> Plan:
    b = PlanBuilder()
    elev, pstn = b.elevator(), b.pstn(copper=False)
    b.link(elev, "line", pstn, "jack")
    return b.plan


@case("FX502 near miss: alarm panel on a copper line", absent=("FX502",), codes=())
def _() -> Plan:
    b = PlanBuilder()
    alarm, pstn = b.alarm(), b.pstn()
    b.link(alarm, "line", pstn, "jack")
    return b.plan


@case("FX502 near miss: elevator phone on an ATA on UPS", absent=("FX502",), codes=(),
      lost={"internet": {"elev1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    elev, ata = b.elevator(), b.ata(ups=True)
    b.online(ata)
    b.link(elev, "line", ata, "phone1")
    return b.plan


@case("FX502 near miss: fibre-fed line with UPS", absent=("FX502",), codes=())
def _() -> Plan:
    b = PlanBuilder()
    elev, pstn = b.elevator(), b.pstn(copper=False, ups=True)
    b.link(elev, "line", pstn, "jack")
    return b.plan


# =============================================================================
# FX503 lifeline-jack-without-corded-phone
# =============================================================================


def _ht813_site(b: PlanBuilder) -> tuple[object, object]:
    inet, router, ata, wall = b.internet(), b.router(), b.ht813(), b.pstn()
    b.link(inet, "eth", router, "wan")
    b.link(router, "lan1", ata, "wan")
    b.link(ata, "line1", wall, "jack")
    return ata, wall


@case("FX503 cordless base on the HT813 lifeline jack",
      fires=(F("FX503", ("ata1",), ("ata1:phone1",), ()), F("FX501", ("cordless1",), (), ())),
      codes=("FX501", "FX503"), lost={"power": {"cordless1": None}})
def _() -> Plan:
    b = PlanBuilder()
    ata, _wall = _ht813_site(b)
    b.link(b.cordless(), "line", ata, "phone1")  # type: ignore[arg-type]
    return b.plan


@case("FX503 lifeline jack with nothing on it", fires=(F("FX503", ("ata1",), ("ata1:phone1",), ()),),
      codes=("FX204", "FX503"))
def _() -> Plan:
    b = PlanBuilder()
    b.ata(relay=True)
    return b.plan


@case("FX503 fax on a key system's power-fail extension",
      fires=(F("FX503", ("pbx1",), ("pbx1:ext1",), ()), F("FX202", ("fax1", "pbx1"), ("fax1:line",), ())),
      codes=("FX202", "FX503"))
def _() -> Plan:
    b = PlanBuilder()
    pbx, fax = b.pbx(co=1, ext=2, relay=True), b.fax()
    b.link(fax, "line", pbx, "ext1")
    return b.plan


@case("FX503 near miss: corded phone on the lifeline jack (home office)", absent=("FX503", "FX501"),
      codes=())
def _() -> Plan:
    b = PlanBuilder()
    ata, _wall = _ht813_site(b)
    b.link(b.phone(), "line", ata, "phone1")  # type: ignore[arg-type]
    return b.plan


@case("FX503 near miss: corded phone behind a splitter on the lifeline jack, with a cordless",
      absent=("FX503", "FX501"), codes=(), lost={"power": {"cordless1": None}})
def _() -> Plan:
    b = PlanBuilder()
    ata, _wall = _ht813_site(b)
    split = b.splitter()
    b.link(ata, "phone1", split, "in")  # type: ignore[arg-type]
    b.link(split, "out1", b.cordless(), "line")
    b.link(split, "out2", b.phone(), "line")
    return b.plan


@case("FX503 near miss: cordless on a PHONE jack without power_fail_to", absent=("FX503",),
      codes=("FX501",), lost={"power": {"cordless1": None}, "internet": {"cordless1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    ata = b.ata()
    b.online(ata)
    b.link(b.cordless(), "line", ata, "phone1")
    return b.plan


# =============================================================================
# FX504 emergency-dialing-needs-prefix
# =============================================================================


@case("FX504 US key system, direct_911 unknown",
      fires=(F("FX504", ("pbx1",), (), ()),), codes=("FX204", "FX504"))
def _() -> Plan:
    b = PlanBuilder(region="US")
    b.pbx(direct_911=None)
    return b.plan


@case("FX504 US IP PBX with direct_911 false",
      fires=(F("FX504", ("ippbx1",), (), ()),), codes=("FX204", "FX504"))
def _() -> Plan:
    b = PlanBuilder(region="US")
    b.ip_pbx(direct_911=False)
    return b.plan


@case("FX504 plan without a region (US by default)",
      fires=(F("FX504", ("pbx1",), (), ()),), codes=("FX501", "FX504"), lost={"power": {"phone1": "pbx1"}})
def _() -> Plan:
    b = PlanBuilder(region=None)
    pbx = b.pbx(co=1, ext=1, direct_911=None)
    b.link(b.pstn(), "jack", pbx, "co1")
    b.link(b.phone(), "line", pbx, "ext1")
    return b.plan


@case("FX504 near miss: region DE", absent=("FX504",), codes=("FX204", "FX204"))
def _() -> Plan:
    b = PlanBuilder(region="DE")
    b.pbx(direct_911=None)
    b.ip_pbx(direct_911=False)
    return b.plan


@case("FX504 near miss: direct_911 true", absent=("FX504",), codes=("FX204", "FX204"))
def _() -> Plan:
    b = PlanBuilder(region="US")
    b.pbx(direct_911=True)
    b.ip_pbx(direct_911=True)
    return b.plan


@case("FX504 near miss: ATA and gateway are not PBXs", absent=("FX504",), codes=("FX204", "FX204"))
def _() -> Plan:
    b = PlanBuilder(region="US")
    b.ata()
    b.gateway()
    return b.plan


# =============================================================================
# FX601 dsl-without-microfilter and FX602 dsl-modem-behind-filter
# =============================================================================


@case("FX601 phone on the DSL line without a filter",
      fires=(F("FX601", ("phone1", "dsl1"), ("phone1:line", "dsl1:line"), ()),), codes=("FX601",))
def _() -> Plan:
    b = PlanBuilder()
    pstn, split, dsl, phone = b.pstn(), b.splitter(), b.dsl_modem(), b.phone()
    b.link(pstn, "jack", split, "in")
    b.link(split, "out1", dsl, "line")
    b.link(split, "out2", phone, "line")
    return b.plan


@case("FX601 unfiltered fax next to a filtered phone",
      fires=(F("FX601", ("fax1", "dsl1"), ("fax1:line", "dsl1:line"), ()),), codes=("FX601",),
      lost={"power": {"fax1": None}})
def _() -> Plan:
    b = PlanBuilder()
    pstn, split, dsl, flt = b.pstn(), b.splitter(outs=3), b.dsl_modem(), b.dsl_filter()
    phone, fax = b.phone(), b.fax()
    b.link(pstn, "jack", split, "in")
    b.link(split, "out1", dsl, "line")
    b.link(split, "out2", flt, "line")
    b.link(flt, "phone", phone, "line")
    b.link(split, "out3", fax, "line")
    return b.plan


@case("FX601 DSL modem cabled straight to a phone, no street line",
      fires=(F("FX601", ("phone1", "dsl1"), ("phone1:line", "dsl1:line"), ()),
             F("FX104", ("phone1", "dsl1"), None, ("l1",))),
      codes=("FX104", "FX601"))
def _() -> Plan:
    b = PlanBuilder()
    dsl, phone = b.dsl_modem(), b.phone()
    b.link(dsl, "line", phone, "line")
    return b.plan


@case("FX601 digital handset in the DSL band (no dial tone on its pair either)",
      fires=(F("FX601", ("dphone1", "dsl1"), ("dphone1:line", "dsl1:line"), ()),), absent=("FX602",))
def _() -> Plan:
    b = PlanBuilder()
    dsl, split, dphone = b.dsl_modem(), b.splitter(), b.digital_phone()
    b.link(split, "out1", dsl, "line")
    b.link(split, "out2", dphone, "line")
    return b.plan


@case("FX601 near miss: phone behind the filter's filtered port", absent=("FX601", "FX602"), codes=())
def _() -> Plan:
    b = PlanBuilder()
    pstn, split, dsl, flt, phone = b.pstn(), b.splitter(), b.dsl_modem(), b.dsl_filter(), b.phone()
    b.link(pstn, "jack", split, "in")
    b.link(split, "out1", dsl, "line")
    b.link(split, "out2", flt, "line")
    b.link(flt, "phone", phone, "line")
    return b.plan


@case("FX601 near miss: DSL on one line, phone on another", absent=("FX601",), codes=())
def _() -> Plan:
    b = PlanBuilder()
    b.link(b.pstn(), "jack", b.dsl_modem(), "line")
    b.link(b.pstn(), "jack", b.phone(), "line")
    return b.plan


@case("FX602 DSL modem on a filter's filtered port",
      fires=(F("FX602", ("dsl1", "pstn1"), ("dsl1:line", "pstn1:jack"), ()),),
      absent=("FX203",), codes=("FX602",))
def _() -> Plan:
    b = PlanBuilder()
    pstn, flt, dsl = b.pstn(), b.dsl_filter(), b.dsl_modem()
    b.link(pstn, "jack", flt, "line")
    b.link(flt, "phone", dsl, "line")
    return b.plan


@case("FX602 DSL modem behind a filter behind a splitter, phone unfiltered elsewhere",
      fires=(F("FX602", ("dsl1", "pstn1"), ("dsl1:line", "pstn1:jack"), ()),),
      absent=("FX601",), codes=("FX602",))
def _() -> Plan:
    b = PlanBuilder()
    pstn, split, flt, dsl, phone = b.pstn(), b.splitter(), b.dsl_filter(), b.dsl_modem(), b.phone()
    b.link(pstn, "jack", split, "in")
    b.link(split, "out1", flt, "line")
    b.link(flt, "phone", dsl, "line")
    b.link(split, "out2", phone, "line")
    return b.plan


@case("FX602 near miss: DSL modem on the filter's unfiltered DSL jack", absent=("FX601", "FX602"), codes=())
def _() -> Plan:
    b = PlanBuilder()
    pstn, flt, dsl, phone = b.pstn(), b.dsl_filter(dsl_port=True), b.dsl_modem(), b.phone()
    b.link(pstn, "jack", flt, "line")
    b.link(flt, "dsl", dsl, "line")
    b.link(flt, "phone", phone, "line")
    return b.plan


@case("FX602 near miss: DSL modem sharing the filter's LINE jack with the street line",
      absent=("FX601", "FX602"), codes=())
def _() -> Plan:
    b = PlanBuilder()
    pstn, flt, dsl, phone = b.pstn(), b.dsl_filter(), b.dsl_modem(), b.phone()
    b.link(pstn, "jack", flt, "line")
    b.link(dsl, "line", flt, "line")
    b.link(flt, "phone", phone, "line")
    return b.plan


@case("FX602 near miss: no street line on the modem's pair", absent=("FX602", "FX601"), codes=())
def _() -> Plan:
    b = PlanBuilder()
    flt, dsl = b.dsl_filter(), b.dsl_modem()
    b.link(flt, "phone", dsl, "line")
    return b.plan


# =============================================================================
# Scenario semantics
# =============================================================================


@case("power: home-office HT813 relay keeps the desk phone on the copper line",
      codes=(), lost={})
def _() -> Plan:
    b = PlanBuilder()
    ata, _wall = _ht813_site(b)
    b.link(b.phone(label="Desk phone"), "line", ata, "phone1")  # type: ignore[arg-type]
    return b.plan


@case("power: IP phone on a PoE port of a switch on UPS survives (router on UPS too)",
      absent=("FX501",), codes=(), lost={"internet": {"ipphone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    inet, router, switch, ipp = b.internet(), b.router(ups=True), b.switch(poe=True, ups=True), b.ip_phone()
    b.link(inet, "eth", router, "wan")
    b.link(router, "lan1", switch, "port4")
    b.link(ipp, "lan", switch, "port1")
    return b.plan


@case("power: IP phone on a PoE switch without UPS goes down",
      codes=("FX501",), lost={"power": {"ipphone1": None}, "internet": {"ipphone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    inet, router, switch, ipp = b.internet(), b.router(ups=True), b.switch(poe=True), b.ip_phone()
    b.link(inet, "eth", router, "wan")
    b.link(router, "lan1", switch, "port4")
    b.link(ipp, "lan", switch, "port1")
    return b.plan


@case("power: IP phone on a non-PoE port goes down even with the switch on UPS",
      codes=("FX501",), lost={"power": {"ipphone1": None}, "internet": {"ipphone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    inet, switch, ipp = b.internet(), b.switch(poe=[True, False], ups=True), b.ip_phone()
    b.link(inet, "eth", switch, "port1")
    b.link(ipp, "lan", switch, "port2")
    return b.plan


@case("power: PoE chain - IP phone powered by a PoE switch that is itself PoE powered from a UPS switch",
      codes=(), lost={"internet": {"ipphone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    inet, core = b.internet(), b.switch(poe=True, ups=True)
    edge, ipp = b.switch(poe=True, power="poe"), b.ip_phone()
    b.link(inet, "eth", core, "port4")
    b.link(core, "port1", edge, "port4")
    b.link(ipp, "lan", edge, "port1")
    return b.plan


@case("power: fibre-fed street line without UPS is down, the phone on it loses service",
      codes=("FX501",), lost={"power": {"phone1": "pstn1"}})
def _() -> Plan:
    b = PlanBuilder()
    b.link(b.pstn(copper=False), "jack", b.phone(), "line")
    return b.plan


@case("power: a street line on mains power is down too",
      codes=("FX501",), lost={"power": {"phone1": "pstn1"}})
def _() -> Plan:
    b = PlanBuilder()
    b.link(b.pstn(power="mains"), "jack", b.phone(), "line")
    return b.plan


@case("internet: an ATA-only site loses service, a site with an HT813 LINE on copper keeps it",
      codes=("FX501",),
      lost={"power": {"phone1": "ata1", "cordless1": None}, "internet": {"phone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    ata = b.ata(t38=True)
    b.online(ata)
    b.link(b.phone(), "line", ata, "phone1")
    ht = b.ata(line=True, t38=True)  # ata2: LINE jack on copper, no relay
    b.link(b.internet(), "eth", ht, "wan")
    b.link(ht, "line1", b.pstn(), "jack")
    b.link(b.cordless(), "line", ht, "phone1")
    return b.plan


@case("internet: key system trunks on an online gateway's FXS jacks",
      codes=("FX501",), lost={"power": {"phone1": "pbx1"}, "internet": {"phone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    gw, pbx, phone = b.gateway(fxs=2), b.pbx(co=2, ext=1), b.phone()
    b.online(gw, "lan")
    b.link(gw, "fxs1", pbx, "co1")
    b.link(phone, "line", pbx, "ext1")
    return b.plan


@case("internet over the phone line: DSL modem feeds the router, no internet device",
      codes=("FX501",), lost={"power": {"phone1": "ata1"}})
def _() -> Plan:
    b = PlanBuilder()
    pstn, split, dsl = b.pstn(), b.splitter(), b.dsl_modem()
    router, ata, phone = b.router(), b.ata(), b.phone()
    b.link(pstn, "jack", split, "in")
    b.link(split, "out1", dsl, "line")
    b.link(dsl, "lan", router, "wan")
    b.link(router, "lan1", ata, "wan")
    b.link(phone, "line", ata, "phone1")
    b.link(split, "out2", b.dsl_filter(), "line")
    return b.plan


@case("digital: handset on a key system digital jack with a trunk reaches; handset to handset does not",
      fires=(F("FX202", ("dphone2", "dphone3"), ("dphone2:line",), ()),
             F("FX202", ("dphone3", "dphone2"), ("dphone3:line",), ())),
      codes=("FX202", "FX202", "FX501"), lost={"power": {"dphone1": "pbx1"}})
def _() -> Plan:
    b = PlanBuilder()
    pstn, pbx, d1, d2, d3 = b.pstn(), b.pbx(co=1, ext=0, digital=1), b.digital_phone(), b.digital_phone(), \
        b.digital_phone()
    b.link(pstn, "jack", pbx, "co1")
    b.link(pbx, "dig1", d1, "line")
    b.link(d2, "line", d3, "line")
    return b.plan


@case("lifeline relay on a key system: corded phone on the power-fail extension survives",
      codes=(), lost={"power": {"phone2": "pbx1"}})
def _() -> Plan:
    b = PlanBuilder()
    pstn, pbx = b.pstn(), b.pbx(co=1, ext=2, relay=True)
    b.link(pstn, "jack", pbx, "co1")
    b.link(b.phone(), "line", pbx, "ext1")
    b.link(b.phone(), "line", pbx, "ext2")
    return b.plan


@case("power: key system on UPS whose trunk sits on an HT813 lifeline jack keeps its line through the relay",
      fires=(F("FX503", ("ata1",), ("ata1:phone1",), ()),), absent=("FX501",), codes=("FX503",))
def _() -> Plan:
    b = PlanBuilder()
    ata, _wall = _ht813_site(b)
    pbx = b.pbx(co=1, ext=1, ups=True)
    b.link(ata, "phone1", pbx, "co1")  # type: ignore[arg-type]
    b.link(b.phone(), "line", pbx, "ext1")
    return b.plan


@case("power: key system without UPS on the HT813 lifeline jack loses its extensions",
      fires=(F("FX503", ("ata1",), ("ata1:phone1",), ()), F("FX501", ("phone1",), (), ())),
      codes=("FX501", "FX503"), lost={"power": {"phone1": "pbx1"}})
def _() -> Plan:
    b = PlanBuilder()
    ata, _wall = _ht813_site(b)
    pbx = b.pbx(co=1, ext=1)
    b.link(ata, "phone1", pbx, "co1")  # type: ignore[arg-type]
    b.link(b.phone(), "line", pbx, "ext1")
    return b.plan


@case("FX501 near miss: a phone that only works in a power cut still counts as a lifeline",
      fires=(F("FX101", ("ata2", "ata3"), ("ata2:phone1", "ata3:phone1"), None),),
      absent=("FX501",), codes=("FX101",),
      lost={"power": {"phone1": "ata1"}, "internet": {"phone1": "inet1"}})
def _() -> Plan:
    b = PlanBuilder()
    ata = b.ata()
    b.online(ata)
    b.link(b.phone(), "line", ata, "phone1")  # phone1: works now, not in a power cut
    mains, backed = b.ata(), b.ata(ups=True)  # ata2 on mains, ata3 on a UPS, both online
    b.online(mains)
    b.online(backed)
    split = b.splitter()
    b.link(mains, "phone1", split, "in")
    b.link(backed, "phone1", split, "out1")
    b.link(split, "out2", b.phone(), "line")  # phone2: two sources now, fed by ata3 alone in a power cut
    return b.plan


# =============================================================================
# The tests
# =============================================================================


def _by_name() -> list[Case]:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    return CASES


CASE_PARAMS = [pytest.param(c, id=c.name) for c in _by_name()]


def test_every_rule_has_two_firing_and_two_quiet_cases() -> None:
    for rule in RULES:
        firing = [c for c in CASES if any(f.code == rule.code for f in c.fires)]
        quiet = [c for c in CASES if rule.code in c.absent]
        assert len(firing) >= 2, f"{rule.code} has {len(firing)} firing cases"
        assert len(quiet) >= 2, f"{rule.code} has {len(quiet)} near-miss cases"


def _extras(normal: list[Finding], scenario: list[Finding]) -> list[Finding]:
    base = {key(f) for f in normal if f.code == "FX202"}
    return [f for f in scenario if f.code == "FX202" and key(f) not in base]


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("c", CASE_PARAMS)
def test_case(c: Case, scenario: str) -> None:
    plan = c.build()
    normal = check(plan).findings
    found = check(plan, scenario).findings
    shown = [(f.code, f.devices, f.ports, f.links) for f in found]
    for expected in c.fires:
        assert any(expected.matches(f) for f in found), f"{expected} not in {shown}"
    for code in c.absent:  # in the normal state (FX202 may gain scenario findings)
        assert all(f.code != code for f in normal), f"{code} must not fire: {shown}"
    if c.codes is not None:
        codes = sorted(f.code for f in normal)
        assert tuple(codes) == c.codes, shown
    # Scenario semantics: everything but FX202 reports as in the normal state.
    not_202 = [f.to_json() for f in found if f.code != "FX202"]
    assert not_202 == [f.to_json() for f in normal if f.code != "FX202"]
    scenario_202 = [f.to_json() for f in found if f.code == "FX202"]
    for f in normal:
        if f.code == "FX202":
            assert f.to_json() in scenario_202
    extras = _extras(normal, found)
    lost = c.lost.get(scenario, {}) if scenario != "none" else {}
    got = {f.devices[0]: (f.devices[1] if len(f.devices) > 1 else None) for f in extras}
    assert got == lost, [(f.devices, f.message) for f in extras]
    assert len(extras) == len(got)
    for f in extras:
        station = plan.device(f.devices[0])
        assert station.label and station.label in f.message
        assert SCENARIO_PHRASE[scenario] in f.message, f.message
        assert f.ports == (f"{station.id}:{station.ports[0].id}",)
        down = got[station.id]
        if down is not None:
            assert plan.device(down).label in f.message, f.message  # says what went down
        # the station reaches the outside normally, not under the scenario
        assert trace(plan, station.id).reaches
        assert not trace(plan, station.id, scenario).reaches


@pytest.mark.parametrize("c", CASE_PARAMS)
def test_findings_are_sorted_and_well_formed(c: Case) -> None:
    plan = c.build()
    for scenario in SCENARIOS:
        findings = check(plan, scenario).findings
        keys = [(SEVERITY_RANK[f.severity], f.code, _first_id(f)) for f in findings]
        assert keys == sorted(keys)
        for f in findings:
            assert_well_formed(plan, f)


def _first_id(f: Finding) -> str:
    return (f.devices or f.links or f.ports or ("",))[0]


def assert_well_formed(plan: Plan, f: Finding) -> None:
    data = f.to_json()
    assert list(data) == ["code", "name", "severity", "message", "devices", "ports", "links", "fix", "waived"]
    rule = BY_CODE[f.code]
    assert (data["name"], data["severity"]) == (rule.name, rule.severity)
    assert all(isinstance(data[k], list) and all(isinstance(x, str) for x in data[k])
               for k in ("devices", "ports", "links"))
    assert data["waived"] is False
    for text in (f.message, f.fix):
        assert text.strip() and text == text.strip()
        assert "\n" not in text and "\r" not in text
        assert text.endswith("."), text
    assert f.devices, "every finding names at least one device"
    first = plan.device(f.devices[0])
    assert first.label and first.label in f.message, (first.label, f.message)
    for device_id in f.devices:
        assert plan.has_device(device_id)
    for port in f.ports:
        device_id, port_id = port.split(":")
        assert plan.device(device_id).has_port(port_id)
    for link_id in f.links:
        assert plan.has_link(link_id)
    assert len(set(f.devices)) == len(f.devices) and len(set(f.ports)) == len(f.ports)


def test_the_cases_cover_every_station_type_and_scenario() -> None:
    kinds = {plan_device.type for c in CASES for plan_device in c.build().devices}
    assert set(SPEC_DEVICE_TYPES) <= kinds
    assert any(c.lost.get("power") for c in CASES) and any(c.lost.get("internet") for c in CASES)
    assert sum(len(stations(c.build())) for c in CASES) > 100


# --- sort order, JSON shape and messages, explicitly --------------------------------------


def test_sort_order_severity_then_code_then_first_id() -> None:
    b = PlanBuilder()
    b.router(label="Zebra router")  # FX204 info (id router1)
    b.add("teleporter", [], id="aaa", label="Odd box")  # FX204 + FX205 info
    b.phone(id="zz", label="Zed phone")  # FX201 warning
    b.phone(id="aa", label="Aye phone")  # FX201 warning
    p1, p2 = b.phone(id="m1", label="Em one"), b.phone(id="b1", label="Bee one")
    b.link(p2, "line", p1, "line")  # FX104 error, devices in plan order (m1, b1)
    b.pbx(id="pbx", label="Old PBX", direct_911=None)  # FX204 info + FX504 warning
    found = [(f.severity, f.code, f.devices[0]) for f in check(b.plan).findings]
    assert found == [
        ("error", "FX104", "m1"),
        ("warning", "FX201", "aa"),
        ("warning", "FX201", "zz"),
        ("warning", "FX504", "pbx"),
        ("info", "FX204", "aaa"),
        ("info", "FX204", "pbx"),
        ("info", "FX204", "router1"),
        ("info", "FX205", "aaa"),
    ]


def test_to_json_shape() -> None:
    b = PlanBuilder()
    b.link(b.phone(), "line", b.ata(line=True), "line1")
    (finding,) = check(b.plan).findings
    data = finding.to_json()
    assert list(data) == ["code", "name", "severity", "message", "devices", "ports", "links", "fix", "waived"]
    assert data["code"] == "FX104" and data["name"] == "line-without-source" and data["severity"] == "error"
    assert data["devices"] == ["phone1", "ata1"]
    assert data["ports"] == ["phone1:line", "ata1:line1"]
    assert data["links"] == ["l1"]
    assert data["waived"] is False
    assert "Phone 1" in data["message"] and "ATA 1" in data["message"]
    assert "phone1" not in data["message"] and "ata1" not in data["message"]


def test_message_with_hostile_label_stays_one_line() -> None:
    b = PlanBuilder()
    b.phone(label="Front\ndesk\u202e\tphone")
    (finding,) = check(b.plan).findings
    assert finding.code == "FX201"
    assert "\n" not in finding.message and "\u202e" not in finding.message
    assert "Front desk" in finding.message


def test_fx105_message_says_poe_only_for_poe_ports() -> None:
    b = PlanBuilder()
    switch = b.switch(poe=[True, False])
    b.link(b.phone(), "line", switch, "port1")
    b.link(b.phone(), "line", switch, "port2")
    by_port = {f.ports[1]: f.message for f in check(b.plan).findings if f.code == "FX105"}
    assert "PoE" in by_port["switch1:port1"]
    assert "PoE" not in by_port["switch1:port2"]


def test_fx202_message_names_where_the_path_stops() -> None:
    b = PlanBuilder()
    b.link(b.phone(label="Reception phone"), "line", b.ata(label="Front desk ATA"), "phone1")
    (finding,) = check(b.plan).findings
    assert finding.code == "FX202"
    assert "Reception phone" in finding.message and "Front desk ATA" in finding.message


def test_power_message_says_what_has_no_power() -> None:
    b = PlanBuilder()
    ata = b.ata(label="Front desk ATA")
    b.online(ata)
    b.link(b.phone(label="Reception phone"), "line", ata, "phone1")
    extra = [f for f in check(b.plan, "power").findings if f.code == "FX202"]
    assert len(extra) == 1
    message = extra[0].message
    assert "Reception phone" in message and "power cut" in message and "Front desk ATA" in message
    assert "no power" in message
    internet = [f for f in check(b.plan, "internet").findings if f.code == "FX202"]
    assert len(internet) == 1 and "Internet 1" in internet[0].message


def test_relay_hop_in_power_trace_for_home_office_desk_phone() -> None:
    b = PlanBuilder()
    ata, _wall = _ht813_site(b)
    desk = b.phone(label="Desk phone")
    b.link(desk, "line", ata, "phone1")  # type: ignore[arg-type]
    path = trace(b.plan, desk.id, "power")
    assert path.reaches
    assert any(h.relay for h in path.hops)
    assert path.hops[-1].kind == "pstn" and path.hops[-1].device == "pstn1"
    normal = trace(b.plan, desk.id)
    assert normal.reaches and not any(h.relay for h in normal.hops)
    assert not [f for f in check(b.plan, "power").findings if f.code == "FX202"]


def test_relay_only_in_power_and_only_for_down_devices() -> None:
    # An HT813 on a UPS stays up: no relay, the phone still works through the ATA.
    b = PlanBuilder()
    inet, ata, wall = b.internet(), b.ht813(ups=True), b.pstn()
    b.link(inet, "eth", ata, "wan")
    b.link(ata, "line1", wall, "jack")
    desk = b.phone()
    b.link(desk, "line", ata, "phone1")
    path = trace(b.plan, desk.id, "power")
    assert path.reaches and not any(h.relay for h in path.hops)
    assert not any(h.relay for h in trace(b.plan, desk.id, "internet").hops)


def test_overrides_do_not_change_scenario_semantics() -> None:
    b = PlanBuilder()
    ata = b.ata()
    b.online(ata)
    b.link(b.phone(), "line", ata, "phone1")
    result = check(b.plan, "power", overrides={"FX202": "error"})
    assert [(f.code, f.severity) for f in result.findings] == [("FX202", "error"), ("FX501", "warning")]
