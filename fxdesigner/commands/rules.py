"""`fxdesigner rules` and `fxdesigner rule CODE`: the rule catalogue and each rule's explanation."""

from __future__ import annotations

import argparse
import json
import sys

from fxdesigner.commands.common import add_format
from fxdesigner.io.plan_json import load_plan
from fxdesigner.model.plan import Plan
from fxdesigner.model.text import one_line
from fxdesigner.rules.engine import check
from fxdesigner.rules.registry import RULES, Rule, UnknownRuleError, example_path, rule

HELP = {
    "rules": "list every rule: code, name, default severity and title",
    "rule": "explain one rule (what it means, why it matters, how to fix it) with a good and a bad example",
}


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "rule":
        parser.add_argument("code", metavar="CODE", help="a rule code such as FX104")
    add_format(parser)


def run(args: argparse.Namespace) -> int:
    if args._command == "rules":
        if args.format == "json":
            sys.stdout.write(json.dumps({"rules": [r.to_json() for r in RULES]}, indent=2) + "\n")
        else:
            for r in RULES:
                print(f"{r.code}  {r.severity:<7}  {r.name:<36}  {r.title}")
        return 0
    try:
        found = rule(args.code)
    except UnknownRuleError:
        print(f"error: no rule {args.code!r} (fxdesigner rules lists them)", file=sys.stderr)
        return 2
    if args.format == "json":
        doc = found.to_json() | {
            "explanation": found.explanation(),
            "examples": {which: _example_json(found, which) for which in ("bad", "good")},
        }
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(rule_text(found))
    return 0


def rule_text(found: Rule) -> str:
    lines = [f"{found.code} {found.name} ({found.severity})", f"{found.title}", ""]
    lines.append(found.explanation().rstrip())
    for which in ("bad", "good"):
        plan = load_plan(example_path(found.code, which))
        lines += ["", f"{which.capitalize()} example: {plan.title or ''}".rstrip()]
        lines += [f"  {line}" for line in wiring_lines(plan)]
        result = check(plan)
        codes = [f for f in result.findings if f.code == found.code]
        if codes:
            lines += [f"  -> {found.code}: {one_line(f.message, 300)}" for f in codes]
        else:
            lines.append(f"  -> no {found.code} finding")
    return "\n".join(lines) + "\n"


def wiring_lines(plan: Plan) -> list[str]:
    def jack(device_id: str, port_id: str) -> str:
        device = plan.device(device_id)
        port = device.port(port_id)
        return f"{one_line(port.name, 30)} ({port.kind.upper()}) on {one_line(device.name, 40)}"

    lines = [f"cable {link.id}: {jack(*link.a)} -- {jack(*link.b)}" for link in plan.iter_links()]
    unlinked = [d for d in plan.iter_devices() if not plan.links_of_device(d.id)]
    lines += [f"not connected: {one_line(d.name, 40)} ({d.type})" for d in unlinked]
    return lines


def _example_json(found: Rule, which: str) -> dict[str, object]:
    plan = load_plan(example_path(found.code, which))
    return {
        "title": plan.title,
        "wiring": wiring_lines(plan),
        "findings": [f.to_json() for f in check(plan).findings if f.code == found.code],
    }
