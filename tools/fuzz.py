"""Fuzz every way a stranger's bytes reach FX Designer; only the one-line load error may come out.

Run:   .venv/bin/python tools/fuzz.py                      # 100,000 cases (about 10 minutes)
       .venv/bin/python tools/fuzz.py --cases 2000 --seed 7
       .venv/bin/python tools/fuzz.py --case 4242 --seed 1 # replay one case

Targets, taken in turn:

- plan:   .fxplan bytes through load_plan_bytes (the loader behind Open, the
          command line and templates);
- png:    a plan embedded in a PNG (compressed or not), then the PNG damaged;
- svg:    a plan in an SVG's <metadata>, then the SVG damaged (entities, nesting...);
- paste:  clipboard bytes through paste_edit onto a real plan; the paste must
          apply, check and undo back to the exact plan;
- lesson: a lesson folder with lesson.json or its plans damaged, through load_lesson
          and grading;
- drill:  a drilled plan with its drill record damaged, through drill_from_plan.

Inputs are the shipped plans and lessons, mutated: flipped bits and bytes,
truncation, spliced seeds, huge and non-finite numbers, deep nesting, wrong
types, missing and duplicate keys and ids, dangling references, 10,000-character
labels, control characters, right-to-left overrides, emoji, lone surrogates and
markup; plus random JSON documents. Each case is reproducible from (seed, case).

Outcomes: "loaded" or "refused" (the documented one-line error) are fine.
Anything else — another exception, a multi-line or empty message, a loaded plan
the rules engine chokes on or that does not survive save and reload, a paste
that does not undo — is a failure: its input and traceback are written to the
--out folder and the exit status is 1. Cases slower than --slow seconds are
listed (and kept) but do not fail the run.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import struct
import sys
import tempfile
import time
import traceback
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fxdesigner.io.embedded import embed_in_png, embed_in_svg  # noqa: E402
from fxdesigner.io.fragment import copy_fragment, paste_edit  # noqa: E402
from fxdesigner.io.plan_json import (  # noqa: E402
    PlanLoadError,
    dumps_plan,
    load_plan_bytes,
    plan_json_of,
)
from fxdesigner.lessons.drill_record import DRILL_KEY, DrillError  # noqa: E402
from fxdesigner.lessons.drills import drill_from_plan, drill_status, make_drill  # noqa: E402
from fxdesigner.lessons.grading import grade  # noqa: E402
from fxdesigner.lessons.lesson import LessonError, lessons_folder, load_lesson  # noqa: E402
from fxdesigner.rules.engine import check  # noqa: E402

TARGETS = ("plan", "png", "svg", "paste", "lesson", "drill")
DEFAULT_CASES = 100_000
RESOURCES = ROOT / "resources"

# --- hostile values ----------------------------------------------------------------------------

#: Written into the JSON text as they are (json.dumps cannot produce most of them).
RAW_TOKENS = [
    "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "4.9e-324", "1.7976931348623157e308",
    "-0.0", "-0", "1" + "0" * 400, "9" * 5000, "18446744073709551616", "1E+2", "0.1e1", "123456789.123456789",
    '"\\ud800"', '"a\\udfffb"', '"\\ud83d\\ude00"', '"\\u0000"', '"\\u202e\\u2066"', "[]", "{}", "null",
]
TEXTS = [
    "", " ", "A" * 10_000, "é" * 10_000, "📞" * 2_600, "\x00\x01\x07\x1b[31m\x7f\x9f", "\u202eevil\u202c",
    "\u2066\u2067\u2068\u2069", "\u200b\u200d\ufeff", "\u2028\u2029", "📠 fax 🙂👍🏽👩🏽‍💻", "مكتب الاستقبال",
    "<img src=file:///etc/passwd><b>Boss</b><a href='https://x'>x</a>", "]]><!--", "tab\there\nnew\r\nline",
    "%s%n{0}${x}", "../../../etc/passwd", "C:\\CON\\nul", "\U0010ffff", "a" * 64, "a" * 65, "fxs", "FXS",
    "pstn", "passive", "teleporter", "FX101", "device:port", "\\", '"',
]
NUMBERS = [0, -1, 1, 2**31, -(2**63), 2**64, 1e308, -1e308, 1e-320, 0.1, 3.5, 1e6, -1e6, 1e9]
KEYS = [
    "id", "type", "kind", "label", "model", "x", "y", "ports", "properties", "a", "b", "device", "port",
    "text", "code", "subject", "reason", "format", "schema_version", "devices", "links", "notes", "waivers",
    "title", "region", "power", "ren", "ren_budget", "power_fail_to", "role", "poe", "filtered", "length_m",
    "steps", "goal", "hints", "faults", "baseline", "findings", "version", "seed", "fxdesigner_drill", "",
]


def random_json(rng: random.Random, depth: int = 0) -> Any:
    """A random JSON value, like hypothesis' recursive strategy (shallow, sometimes wide)."""
    roll = rng.random()
    if depth > 6 or roll < 0.45:
        return rng.choice([None, True, False, rng.choice(NUMBERS), rng.choice(TEXTS)[:200],
                           rng.randint(-9, 9), rng.random() * 1000, rng.choice(KEYS)])
    if roll < 0.7:
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 6))]
    return {rng.choice(KEYS): random_json(rng, depth + 1) for _ in range(rng.randint(0, 6))}


class Raw:
    """A value written into the JSON text verbatim."""

    counter = 0

    def __init__(self, text: str) -> None:
        Raw.counter += 1
        self.text = text
        self.marker = f"@@RAW{Raw.counter}@@"


def dump_with_raw(doc: Any, raws: list[Raw], rng: random.Random) -> bytes:
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.3, indent=rng.choice([None, 1, 2]),
                      default=lambda o: o.marker)
    for raw in raws:
        text = text.replace(json.dumps(raw.marker), raw.text, 1)
    return text.encode("utf-8", "surrogatepass")


def _nodes(doc: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    found = [(path, doc)]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found.extend(_nodes(value, (*path, key)))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            found.extend(_nodes(value, (*path, i)))
    return found


def _set(doc: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return doc


def hostile_value(rng: random.Random, raws: list[Raw], current: Any) -> Any:
    roll = rng.random()
    if roll < 0.25:
        raw = Raw(rng.choice(RAW_TOKENS))
        raws.append(raw)
        return raw
    if roll < 0.35:
        n = rng.choice([63, 64, 65, 200, 1000, 20_000])
        raw = Raw("[" * n + "1" + "]" * n if rng.random() < 0.5 else '{"a":' * n + "1" + "}" * n)
        raws.append(raw)
        return raw
    if roll < 0.6:
        text = rng.choice(TEXTS)
        return text if rng.random() < 0.7 or not isinstance(current, str) else current + text
    if roll < 0.75:
        return rng.choice(NUMBERS)
    if roll < 0.85:
        return rng.choice([None, True, False, [], {}, "", [current], {"x": current}])
    return random_json(rng)


def mutate_tree(rng: random.Random, doc: Any, focus: str | None = None) -> bytes:
    """Structural damage: hostile values, wrong types, missing or duplicated keys and ids, dangling ends.

    With focus, the damage goes under that top-level key (a drill record, say).
    """
    doc = copy.deepcopy(doc)
    raws: list[Raw] = []
    for _ in range(rng.choice([1, 1, 1, 2, 3, 6])):
        nodes = _nodes(doc)
        focused = [n for n in nodes if n[0][:1] == (focus,)] if focus else []
        path, node = rng.choice(focused or nodes)
        roll = rng.random()
        if roll < 0.45 or not isinstance(node, (dict, list)):
            doc = _set(doc, path, hostile_value(rng, raws, node))
        elif isinstance(node, dict) and node and roll < 0.65:
            del node[rng.choice(list(node))]  # a missing key
        elif isinstance(node, dict) and roll < 0.75:
            node[rng.choice(KEYS)] = hostile_value(rng, raws, None)
        elif isinstance(node, list) and node and roll < 0.9:
            node.append(copy.deepcopy(rng.choice(node)))  # duplicate ids, duplicate cables
        elif isinstance(node, list) and node:
            rng.shuffle(node)
            del node[rng.randrange(len(node)):]
        else:
            doc = _set(doc, path, random_json(rng))
    data = dump_with_raw(doc, raws, rng)
    if rng.random() < 0.05:
        # A duplicate key written into the text (json.dumps never writes one).
        data = data.replace(b'"id":', b'"id": "dup", "id":', 1)
    return data


INTERESTING_BYTES = b'\x00\xff"\\{}[],:\x80\xc3\xed\xef\xbb\xbf\n-+.eE0'


def mutate_bytes(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """Byte damage: bit flips, odd bytes, insertions, deletions, truncation, splicing."""
    buf = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 3, 5, 12])):
        if not buf:
            buf.extend(other[: rng.randint(0, 200)])
            continue
        op = rng.randrange(7)
        at = rng.randrange(len(buf))
        if op == 0:
            buf[at] ^= 1 << rng.randrange(8)
        elif op == 1:
            buf[at] = rng.choice(INTERESTING_BYTES)
        elif op == 2:
            buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 3:
            del buf[at : at + rng.randint(1, 64)]
        elif op == 4:
            del buf[at:]
        elif op == 5:
            end = min(len(buf), at + rng.randint(1, 256))
            buf[at:at] = buf[at:end] * rng.randint(1, 4)
        else:
            cut = rng.randrange(len(other) or 1)
            buf[at:] = other[cut:]
    return bytes(buf)


# --- seeds ---------------------------------------------------------------------------------------


@dataclass
class Seeds:
    plans: list[bytes]
    documents: list[Any]
    lessons: list[Path]
    drills: list[Any]
    png: bytes
    svg: str

    @classmethod
    def load(cls) -> Seeds:
        plans = [p.read_bytes() for p in sorted(RESOURCES.rglob("*.fxplan"))]
        documents = [json.loads(p) for p in plans]
        lessons = sorted(p for p in lessons_folder().iterdir() if (p / "lesson.json").is_file())
        drills = []
        for path in sorted((RESOURCES / "templates").glob("*.fxplan")):
            try:
                drill = make_drill(load_plan_bytes(path.read_bytes(), path.name), 2, seed=1)
            except DrillError:
                continue
            drills.append(json.loads(dumps_plan(drill.plan)))
        return cls(plans, documents, lessons, drills, tiny_png(), SVG)


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
       '<rect width="40" height="20" fill="#fff"/><text x="2" y="14">plan</text></svg>')


def tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


TEXT_KEYS = ("label", "model", "text", "title", "reason", "by", "date", "generator")


def rewire(rng: random.Random, doc: Any) -> bytes:
    """Damage that keeps the plan valid: odd texts and positions, cables moved to any jack, extra cables.

    These plans load, so the rules engine and the round trip meet them.
    """
    doc = copy.deepcopy(doc)
    jacks = [{"device": d["id"], "port": p["id"]} for d in doc.get("devices", []) for p in d.get("ports", [])]
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        nodes = [(path, node) for path, node in _nodes(doc) if path]
        if roll < 0.35:
            texts = [path for path, node in nodes if path[-1] in TEXT_KEYS and isinstance(node, str)]
            if texts:
                _set(doc, rng.choice(texts), rng.choice(TEXTS)[:200])
        elif roll < 0.5:
            spots = [path for path, node in nodes if path[-1] in ("x", "y") and not isinstance(node, dict)]
            if spots:
                where = rng.choice([1e308, -1e308, 1e-320, 0, -0.0, 1e9, 2**53, 123.456])
                _set(doc, rng.choice(spots), where)
        elif roll < 0.8 and len(jacks) >= 2 and doc.get("links"):
            link = rng.choice(doc["links"])
            end = rng.choice(["a", "b"])
            other = link["b" if end == "a" else "a"]
            choices = [j for j in jacks if j != other]
            if choices:
                link[end] = dict(rng.choice(choices))
        elif len(jacks) >= 2:
            a, b = rng.sample(jacks, 2)
            doc.setdefault("links", []).append({"id": f"fz{rng.randrange(10**6)}", "a": a, "b": b})
    return json.dumps(doc, ensure_ascii=rng.random() < 0.3).encode("utf-8")


def plan_input(rng: random.Random, seeds: Seeds) -> bytes:
    roll = rng.random()
    if roll < 0.2:
        return rewire(rng, rng.choice(seeds.documents))
    if roll < 0.55:
        return mutate_tree(rng, rng.choice(seeds.documents))
    if roll < 0.8:
        return mutate_bytes(rng, rng.choice(seeds.plans), rng.choice(seeds.plans))
    if roll < 0.9:
        return mutate_bytes(rng, mutate_tree(rng, rng.choice(seeds.documents)), rng.choice(seeds.plans))
    doc = random_json(rng)
    if rng.random() < 0.6:
        doc = {"format": "fxdesigner-plan", "schema_version": 1, "devices": random_json(rng),
               "links": random_json(rng), **({"x": doc} if rng.random() < 0.5 else {})}
    return json.dumps(doc).encode()


# --- running one case -------------------------------------------------------------------------------


class Failure(Exception):
    """An oracle said no (an exception escaped, or a property did not hold)."""


def one_line(exc: BaseException, source: str | None = None) -> None:
    text = str(exc)
    if not text or "\n" in text or "\r" in text:
        raise Failure(f"{type(exc).__name__} message is not one line: {text!r}")
    if source is not None and not text.startswith(f"{source}: "):
        raise Failure(f"load error does not start with the file name: {text!r}")


def loaded_plan_holds_up(plan: Any) -> None:
    """A plan that loaded must check, and save and reload to the same plan."""
    check(plan)
    again = load_plan_bytes(dumps_plan(plan).encode("utf-8"), "again")
    if again != plan:
        raise Failure("save and reload changed the plan")


def run_plan(data: bytes, source: str = "fuzz.fxplan") -> str:
    try:
        plan = load_plan_bytes(data, source)
    except PlanLoadError as exc:
        one_line(exc, source)
        return "refused"
    loaded_plan_holds_up(plan)
    return "loaded"


def case_plan(rng: random.Random, seeds: Seeds) -> tuple[bytes, Callable[[], str]]:
    data = plan_input(rng, seeds)
    return data, lambda: run_plan(data)


def case_png(rng: random.Random, seeds: Seeds) -> tuple[bytes, Callable[[], str]]:
    png = embed_in_png(seeds.png, plan_input(rng, seeds), compress=rng.random() < 0.6)
    if rng.random() < 0.05:
        # A second plan chunk (embed_in_png itself never writes two).
        second = embed_in_png(seeds.png, plan_input(rng, seeds), compress=False)
        chunk = second[second.index(b"iTXt") - 4 : second.rindex(b"IEND") - 4]
        png = png[: png.rindex(b"IEND") - 4] + chunk + png[png.rindex(b"IEND") - 4 :]
    if rng.random() < 0.5:
        png = mutate_bytes(rng, png, rng.choice(seeds.plans))
    return png, lambda: run_image(png, "fuzz.png")


def case_svg(rng: random.Random, seeds: Seeds) -> tuple[bytes, Callable[[], str]]:
    text = embed_in_svg(seeds.svg, plan_input(rng, seeds).decode("utf-8", "replace")).encode("utf-8")
    roll = rng.random()
    if roll < 0.3:
        text = mutate_bytes(rng, text, rng.choice(seeds.plans))
    elif roll < 0.4:
        bomb = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">'
                b'<!ENTITY x SYSTEM "file:///etc/passwd">]>')
        text = bomb + text.replace(b"plan</text>", b"&b;&x;</text>")
    elif roll < 0.5:
        depth = rng.choice([100, 1000, 50_000])
        text = text.replace(b"<rect", b"<g>" * depth + b"</g>" * depth + b"<rect", 1)
    return text, lambda: run_image(text, "fuzz.svg")


def run_image(data: bytes, name: str) -> str:
    try:
        plan = load_plan_bytes(plan_json_of(data, name, display_name=name), name)
    except PlanLoadError as exc:
        one_line(exc, name)
        return "refused"
    loaded_plan_holds_up(plan)
    return "loaded"


def case_paste(rng: random.Random, seeds: Seeds) -> tuple[bytes, Callable[[], str]]:
    base_text = rng.choice(seeds.plans)
    if rng.random() < 0.6:
        source = load_plan_bytes(rng.choice(seeds.plans), "source")
        ids = [d.id for d in source.iter_devices()]
        chosen = rng.sample(ids, rng.randint(0, len(ids))) if ids else []
        fragment = copy_fragment(source, chosen, [n.id for n in source.notes][: rng.randint(0, 2)])
        doc = json.loads(fragment)
        if rng.random() < 0.7:
            data = mutate_tree(rng, doc)
        else:
            data = mutate_bytes(rng, fragment.encode(), base_text)
    else:
        data = plan_input(rng, seeds)

    def run() -> str:
        plan = load_plan_bytes(base_text, "base")
        before = dumps_plan(plan)
        try:
            edit = paste_edit(plan, data, (40.0, 40.0))
        except PlanLoadError as exc:
            one_line(exc, "clipboard")
            return "refused"
        if edit is None:
            return "loaded"
        edit.apply(plan)
        check(plan)
        edit.revert(plan)
        if dumps_plan(plan) != before:
            raise Failure("undoing the paste did not restore the plan")
        return "loaded"

    return data, run


_LESSON_DIR: dict[str, Path] = {}


def case_lesson(rng: random.Random, seeds: Seeds) -> tuple[bytes, Callable[[], str]]:
    source = rng.choice(seeds.lessons)
    which = rng.choice(["lesson.json", "lesson.json", "start.fxplan", "solution.fxplan"])
    original = (source / which).read_bytes()
    if rng.random() < 0.65:
        data = mutate_tree(rng, json.loads(original))
    else:
        data = mutate_bytes(rng, original, rng.choice(seeds.plans))

    def run() -> str:
        scratch = _LESSON_DIR.setdefault("root", Path(tempfile.mkdtemp(prefix="fx-fuzz-lesson-")))
        folder = scratch / source.name
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(source, folder)
        (folder / which).write_bytes(data)
        try:
            lesson = load_lesson(folder)
        except LessonError as exc:
            one_line(exc)
            return "refused"
        grade(lesson, lesson.start_plan())
        grade(lesson, lesson.solution_plan())
        return "loaded"

    return data, run


def case_drill(rng: random.Random, seeds: Seeds) -> tuple[bytes, Callable[[], str]]:
    data = mutate_tree(rng, rng.choice(seeds.drills), focus=DRILL_KEY if rng.random() < 0.8 else None)

    def run() -> str:
        try:
            plan = load_plan_bytes(data, "drill.fxplan")
        except PlanLoadError as exc:
            one_line(exc, "drill.fxplan")
            return "refused"
        try:
            drill = drill_from_plan(plan)
        except DrillError as exc:
            one_line(exc)
            return "refused"
        if drill is not None:
            drill_status(drill, plan)
        return "loaded"

    return data, run


CASES: dict[str, Callable[[random.Random, Seeds], tuple[bytes, Callable[[], str]]]] = {
    "plan": case_plan, "png": case_png, "svg": case_svg, "paste": case_paste, "lesson": case_lesson,
    "drill": case_drill,
}


# --- the campaign -------------------------------------------------------------------------------------


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    slow: list[tuple[float, str]] = field(default_factory=list)
    elapsed: float = 0.0
    cases: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures

    def table(self) -> str:
        outcomes = ("loaded", "refused", "FAILED")
        lines = [f"{'target':<8}" + "".join(f"{o:>10}" for o in outcomes) + f"{'total':>10}"]
        for target in TARGETS:
            row = [self.counts[(target, o)] for o in outcomes]
            if sum(row):
                lines.append(f"{target:<8}" + "".join(f"{n:>10,}" for n in row) + f"{sum(row):>10,}")
        total = [sum(self.counts[(t, o)] for t in TARGETS) for o in outcomes]
        lines.append(f"{'all':<8}" + "".join(f"{n:>10,}" for n in total) + f"{sum(total):>10,}")
        return "\n".join(lines)


def run_case(index: int, seed: int, seeds: Seeds, targets: tuple[str, ...]) -> tuple[str, bytes, str, str]:
    """(target, input, outcome, traceback or "") for case index."""
    rng = random.Random(f"{seed}:{index}")
    target = targets[index % len(targets)]
    data, run = CASES[target](rng, seeds)
    try:
        outcome = run()
    except RecursionError:
        return target, data, "FAILED", traceback.format_exc(limit=8)
    except Exception:  # anything else is what the fuzzer looks for
        return target, data, "FAILED", traceback.format_exc()
    return target, data, outcome, ""


def campaign(cases: int, seed: int = 1, out: Path | None = None, targets: tuple[str, ...] = TARGETS,
             slow_s: float = 2.0, progress: bool = False, first: int = 0) -> Report:
    seeds = Seeds.load()
    report = Report()
    started = time.perf_counter()
    for index in range(first, first + cases):
        case_start = time.perf_counter()
        target, data, outcome, trace = run_case(index, seed, seeds, targets)
        took = time.perf_counter() - case_start
        report.counts[(target, outcome)] += 1
        report.cases += 1
        name = f"seed{seed}-case{index}-{target}"
        if outcome == "FAILED":
            report.failures.append(f"{name}: {trace.strip().splitlines()[-1]}")
            _keep(out, name, data, trace)
        if took > slow_s:
            report.slow.append((took, name))
            _keep(out, f"slow-{name}", data, f"{took:.2f} s")
        if progress and (index + 1 - first) % 10_000 == 0:
            print(f"  {index + 1 - first:,} cases, {time.perf_counter() - started:.0f} s, "
                  f"{len(report.failures)} failures", flush=True)
    report.elapsed = time.perf_counter() - started
    shutil.rmtree(_LESSON_DIR.pop("root", ""), ignore_errors=True) if _LESSON_DIR.get("root") else None
    return report


def _keep(out: Path | None, name: str, data: bytes, note: str) -> None:
    if out is None:
        return
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.bin").write_bytes(data)
    (out / f"{name}.txt").write_text(note, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--case", type=int, help="replay this one case (with --seed)")
    parser.add_argument("--targets", default=",".join(TARGETS),
                        help=f"comma-separated from {', '.join(TARGETS)}")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"),
                        help="where failing inputs are kept")
    parser.add_argument("--slow", type=float, default=2.0, help="report cases slower than this (seconds)")
    args = parser.parse_args(argv)
    targets = tuple(t.strip() for t in args.targets.split(",") if t.strip())
    unknown = [t for t in targets if t not in CASES]
    if unknown:
        parser.error(f"unknown target {unknown[0]!r}")
    if args.case is not None:
        target, data, outcome, trace = run_case(args.case, args.seed, Seeds.load(), targets)
        print(f"case {args.case} ({target}, {len(data):,} bytes): {outcome}")
        print(trace, end="")
        return 1 if outcome == "FAILED" else 0
    print(f"fuzzing {args.cases:,} cases, seed {args.seed}, targets {', '.join(targets)}", flush=True)
    report = campaign(args.cases, args.seed, args.out, targets, args.slow, progress=True)
    print(report.table())
    rate = report.cases / max(report.elapsed, 1e-9)
    print(f"{report.cases:,} cases in {report.elapsed:.1f} s ({rate:,.0f}/s); "
          f"{len(report.failures)} failures; {len(report.slow)} slower than {args.slow:g} s")
    for took, name in sorted(report.slow, reverse=True)[:10]:
        print(f"  slow: {name} {took:.2f} s")
    for line in report.failures[:20]:
        print(f"  FAILED {line}")
    if report.failures:
        print(f"failing inputs and tracebacks are in {args.out}/")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
