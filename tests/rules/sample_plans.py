"""Bigger plans for the incremental and trace tests.

generate(devices, seed) is benchmarks/plans.py's realistic generator: many
small sites, sharing one internet device per 40 sites, with a few miswirings.
shared_internet_plan() is a hand-built set of sites around one internet device.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

from fxdesigner.model.plan import Plan

from .builders import PlanBuilder
from .common import ROOT


def _load_generator() -> Any:
    name = "fxdesigner_benchmark_plans"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "plans.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


generate = _load_generator().generate


def shared_internet_plan() -> Plan:
    """Four small sites on one internet device with spare ports, plus a second cloud."""
    b = PlanBuilder()
    cloud = b.internet(ports=6, label="ISP cloud")
    # 1: HT813 with a lifeline on copper
    router = b.router()
    ata, wall, desk = b.ht813(), b.pstn(), b.phone(label="Desk phone")
    b.link(cloud, "eth1", router, "wan")
    b.link(router, "lan1", ata, "wan")
    b.link(ata, "line1", wall, "jack")
    b.link(desk, "line", ata, "phone1")
    # 2: PoE switch with an IP phone, fax on an ATA without T.38
    switch, ipp, fax_ata, fax = b.switch(poe=True), b.ip_phone(), b.ata(t38=False), b.fax()
    b.link(cloud, "eth2", switch, "port4")
    b.link(ipp, "lan", switch, "port1")
    b.link(fax_ata, "wan", switch, "port2")
    b.link(fax, "line", fax_ata, "phone1")
    # 3: key system on a gateway's FXS jacks, elevator phone on an extension
    gw, pbx, elev = b.gateway(fxs=2), b.pbx(co=2, ext=2, relay=True), b.elevator()
    b.link(cloud, "eth3", gw, "lan")
    b.link(gw, "fxs1", pbx, "co1")
    b.link(elev, "line", pbx, "ext2")
    b.link(b.cordless(), "line", pbx, "ext1")
    # 4: IP phone straight on the internet port, powered by nothing
    b.link(cloud, "eth4", b.ip_phone(), "lan")
    # a second cloud with a DSL home behind it
    other = b.internet(ports=2, label="Other ISP")
    router2, dsl = b.router(), b.dsl_modem()
    b.link(other, "eth1", router2, "wan")
    pstn, split = b.pstn(), b.splitter()
    b.link(pstn, "jack", split, "in")
    b.link(split, "out1", dsl, "line")
    b.link(split, "out2", b.phone(), "line")
    b.link(dsl, "lan", router2, "lan1")
    return b.plan
