"""Who can call out: the per-component cache agrees with a fresh whole-plan analysis after edits."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fxdesigner.explain import summary
from fxdesigner.explain.summary import Reach, ReachCache, device_counts
from fxdesigner.model import edits as e
from fxdesigner.model.kinds import STATION_TYPES
from fxdesigner.model.plan import Link, Plan, PortRef
from fxdesigner.rules.analysis import Analysis
from fxdesigner.rules.engine import Checker
from fxdesigner.rules.topology import Context

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from plans import generate  # noqa: E402


def fresh(plan: Plan) -> dict[str, Reach]:
    analysis = Analysis(Context.whole(plan))
    states = [analysis.state(s) for s in ("none", "power", "internet")]
    return {
        d.id: Reach(*(s.reaches_outside(d) for s in states)) for d in plan.devices if d.type in STATION_TYPES
    }


@pytest.fixture
def big() -> Plan:
    return generate(600, seed=3)


def test_cache_matches_a_whole_plan_analysis(big: Plan) -> None:
    cache = ReachCache()
    expected = fresh(big)
    assert cache.reach(big) == expected
    checker = Checker(big)
    assert ReachCache().reach(big, checker.component_of) == expected
    counts = cache.counts(big)
    assert counts.stations == len(expected)
    assert counts.now == sum(r.now for r in expected.values())
    assert 0 < counts.power_cut < counts.now


def apply(plan: Plan, checker: Checker, cache: ReachCache, edit: e.Edit) -> None:
    edit.apply(plan)
    effect = edit.effect()
    checker.update(effect)
    cache.invalidate(effect.devices, plan)


@pytest.fixture
def analysed(monkeypatch) -> list[frozenset[str]]:
    """The components the cache works out, in order (a spy on the one analysis function)."""
    seen: list[frozenset[str]] = []
    real = summary._analyse

    def spy(plan, home):
        seen.append(home)
        return real(plan, home)

    monkeypatch.setattr(summary, "_analyse", spy)
    return seen


def test_after_edits_only_touched_components_are_worked_out_again(big: Plan, analysed) -> None:
    checker = Checker(big)
    cache = ReachCache()
    cache.reach(big, checker.component_of)
    first = len(analysed)
    assert first > 10

    # Unplug one phone's line: its site is worked out again, nothing else.
    phone = next(d for d in big.devices if d.type == "analog-phone" and big.links_of_device(d.id))
    link_id = big.links_of_device(phone.id)[0]
    apply(big, checker, cache, e.Disconnect(link_id))
    assert cache.reach(big, checker.component_of) == fresh(big)
    assert len(analysed) - first <= 3

    # Plug it back, then a cable between two sites merges them.
    before = len(analysed)
    link = Link(big.fresh_id("link", "x"), *_ends_of(big, link_id, phone.id))
    apply(big, checker, cache, e.Connect(link))
    assert cache.reach(big, checker.component_of) == fresh(big)
    assert len(analysed) - before <= 3


def _ends_of(plan: Plan, _link_id: str, phone_id: str) -> tuple[PortRef, PortRef]:
    # A free FXS jack anywhere will do as the far end.
    phone = plan.device(phone_id)
    for device in plan.devices:
        for port in device.ports:
            ref = PortRef(device.id, port.id)
            if port.kind == "fxs" and not plan.links_at(ref):
                return PortRef(phone.id, phone.ports[0].id), ref
    raise AssertionError("no free FXS jack")


def test_a_change_to_a_shared_internet_cloud_forgets_everything(big: Plan) -> None:
    checker = Checker(big)
    cache = ReachCache()
    reach = cache.reach(big, checker.component_of)
    # A VoIP station that loses service in a power cut; put its whole site on a UPS.
    station = next(
        d
        for d, r in reach.items()
        if r.now and not r.power_cut and not r.internet_down and big.device(d).type == "analog-phone"
    )
    site = checker.component_of(station)
    for device_id in sorted(site):
        apply(big, checker, cache, e.SetDeviceProperty(device_id, "ups", True))
    assert cache.reach(big, checker.component_of)[station].power_cut
    cloud = next(n for d in site for n in big.neighbours(d) if big.device(n).type == "internet")
    assert cloud not in site
    # The provider's network itself on mains power without a UPS: the site's VoIP dies in a power cut.
    apply(big, checker, cache, e.SetDeviceProperty(cloud, "power", "mains"))
    after = cache.reach(big, checker.component_of)
    assert after == fresh(big)
    assert not after[station].power_cut


def test_device_counts() -> None:
    plan = generate(100, seed=1)
    counts = device_counts(plan)
    assert sum(counts.by_type.values()) == plan.device_count()
    assert counts["toaster"] == 0
