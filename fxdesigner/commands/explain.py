"""`fxdesigner explain`: the explanation page of a jack kind or a device type, as the designer shows it."""

from __future__ import annotations

import argparse
import json
import sys

from fxdesigner.commands.common import add_format
from fxdesigner.explain.pages import PORT_NAMES, Page, UnknownPage, device_page, port_page
from fxdesigner.model.kinds import DEVICE_TYPES, PORT_KINDS

HELP = {
    "explain": "explain a jack kind (--port fxs) or a device type (--device ata): what it is, what it "
    "supplies, what may be plugged in",
}


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--port", metavar="KIND", help=f"a jack kind: {', '.join(PORT_KINDS)}")
    which.add_argument("--device", metavar="TYPE", help="a device type such as ata, analog-phone, pstn-line")
    which.add_argument("--list", action="store_true", help="list the jack kinds and device types")
    add_format(parser)
    parser.epilog = "exit status: 0 printed; 2 unknown kind or type, or the command line is wrong"


def run(args: argparse.Namespace) -> int:
    if args.list:
        return _list(args.format)
    try:
        if args.port is not None:
            kind, name, page = "port", args.port, port_page(args.port)
        else:
            kind, name, page = "device", args.device, device_page(args.device)
    except UnknownPage as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(_page_json(kind, name, page), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(page.markdown.rstrip("\n") + "\n")
    return 0


def _page_json(kind: str, name: str, page: Page) -> dict[str, object]:
    return {
        "kind": kind,
        "name": name,
        "title": page.title,
        "lead": page.lead,
        "sections": page.sections,
        "markdown": page.markdown,
    }


def _list(fmt: str) -> int:
    devices = {t: device_page(t).title for t in DEVICE_TYPES}
    if fmt == "json":
        doc = {"ports": dict(PORT_NAMES), "devices": devices}
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return 0
    print("Jack kinds (fxdesigner explain --port KIND):")
    for kind in PORT_KINDS:
        print(f"  {kind:<15} {PORT_NAMES[kind]}")
    print("Device types (fxdesigner explain --device TYPE):")
    for device_type, title in devices.items():
        print(f"  {device_type:<15} {title}")
    return 0
