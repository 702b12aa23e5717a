"""Benchmarks of the Qt-free core: loading, saving and checking big plans.

Run: .venv/bin/python benchmarks/bench_core.py [--sizes 1000,5000,20000] [--repeat 5]
Prints figures (best and median of the repeats); asserts nothing.

Targets from the issues: full check of the 20,000-device plan under 1.5 s;
incremental re-check after one edit under 20 ms; live verdict for one proposed
cable under 2 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from plans import generate

from fxdesigner.io.plan_json import dumps_plan, load_plan, save_plan
from fxdesigner.model import edits as e
from fxdesigner.model.plan import Link, PortRef
from fxdesigner.rules.engine import Checker, check


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def bench_io(size: int, repeat: int) -> None:
    plan = generate(size)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "plan.fxplan")
        best, median = timed(lambda: save_plan(plan, path), repeat)
        megabytes = os.path.getsize(path) / 1e6
        print(f"  save {size:>6} devices ({megabytes:.1f} MB):   best {ms(best)}  median {ms(median)}")
        best, median = timed(lambda: load_plan(path), repeat)
        print(f"  load {size:>6} devices:             best {ms(best)}  median {ms(median)}")
        best, median = timed(lambda: dumps_plan(plan), repeat)
        print(f"  serialise only:                  best {ms(best)}  median {ms(median)}")


def edits_for(plan, rng: random.Random):  # type: ignore[no-untyped-def]
    """One edit of each kind the issue names, on random parts of the plan."""
    phones = [d for d in plan.iter_devices() if d.type == "analog-phone" and plan.links_of_device(d.id)]
    atas = [d for d in plan.iter_devices() if d.type == "ata"]
    phone = rng.choice(phones)
    ata = rng.choice(atas)
    link_id = plan.links_of_device(phone.id)[0]
    new_link = Link(plan.fresh_id("link", "bench"), PortRef(phone.id, "line"), PortRef(ata.id, "phone1"))
    return {
        "cable added": e.Connect(new_link),
        "cable removed": e.Disconnect(link_id),
        "device moved": e.MoveItems(devices={phone.id: (phone.x + 20, phone.y)}),
        "property changed": e.SetDeviceProperty(ata.id, "t38", False),
    }


def bench_rules(size: int, repeat: int) -> None:
    plan = generate(size)
    for scenario in ("none", "power"):
        best, median = timed(lambda s=scenario: check(plan, s), repeat)
        print(f"  full check {size:>6} devices, {scenario:<6}: best {ms(best)}  median {ms(median)}")
    start = time.perf_counter()
    checker = Checker(plan)
    print(f"  incremental checker set-up:       {ms(time.perf_counter() - start)}")
    rng = random.Random(7)
    results: dict[str, list[float]] = {}
    for _ in range(repeat):
        for name, edit in edits_for(plan, rng).items():
            edit.apply(plan)
            start = time.perf_counter()
            checker.update(edit.effect())
            checker.findings()
            results.setdefault(name, []).append(time.perf_counter() - start)
            edit.revert(plan)
            checker.update(edit.effect())
    for name, times in results.items():
        print(f"  re-check after one edit, {name:<16}: best {ms(min(times))}  median {ms(statistics.median(times))}")
    phones = [d for d in plan.iter_devices() if d.type == "analog-phone"]
    atas = [d for d in plan.iter_devices() if d.type == "ata"]
    verdicts = []
    for _ in range(max(repeat * 10, 20)):
        a = PortRef(rng.choice(phones).id, "line")
        ata = rng.choice(atas)
        b = PortRef(ata.id, rng.choice(ata.ports).id)
        start = time.perf_counter()
        checker.verdict(a, b)
        verdicts.append(time.perf_counter() - start)
    print(f"  live verdict for one cable:       best {ms(min(verdicts))}  median {ms(statistics.median(verdicts))}"
          f"  (over {len(verdicts)} random cables)")
    same = [f.to_json() for f in checker.findings()] == [f.to_json() for f in check(plan).findings]
    print(f"  incremental result equals a full check: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores")
    for size in sizes:
        print(f"\nPlan of {size} devices")
        bench_io(size, args.repeat)
        bench_rules(size, args.repeat)


if __name__ == "__main__":
    main()
