"""The `fxdesigner` command: the designer, and headless commands that never load Qt.

`fxdesigner [PLAN...]` opens the designer; `fxdesigner <command> ...` runs a
command. Only the designer and `export` import PySide6, and only when they run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Final

from fxdesigner import APP_NAME, __version__

#: command name -> module in fxdesigner.commands (each has HELP, configure(parser), run(args)).
COMMANDS: Final = {
    "check": "check",
    "rules": "rules",
    "rule": "rules",
    "trace": "check",
    "lesson": "teach",
    "drill": "teach",
    "explain": "explain",
    "export": "export",
    "bom": "export",
    "cables": "export",
}

EXIT_USAGE: Final = 2


def _epilog() -> str:
    lines = ["commands (fxdesigner COMMAND --help for details):"]
    for name, module in COMMANDS.items():
        helps = import_module(f"fxdesigner.commands.{module}").HELP
        lines.append(f"  {name:<9} {helps[name]}")
    lines += [
        "",
        "With no command, the designer opens (with the given plans). The commands above run",
        "without a display and without loading Qt, except export (which uses Qt offscreen).",
    ]
    return "\n".join(lines)


def _main_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fxdesigner",
        description=f"{APP_NAME} {__version__}: draw analog telephone wiring and check every FXS/FXO link.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"fxdesigner {__version__}")
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="install the launcher entry, icons and the .fxplan file type for the current user, then exit",
    )
    parser.add_argument("plans", nargs="*", metavar="PLAN", help="plans to open in the designer")
    return parser


def _command_parser(name: str) -> argparse.ArgumentParser:
    module = import_module(f"fxdesigner.commands.{COMMANDS[name]}")
    parser = argparse.ArgumentParser(
        prog=f"fxdesigner {name}",
        description=module.HELP[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    module.configure(name, parser)
    parser.set_defaults(_run=module.run, _command=name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in COMMANDS:
            name = args_list[0]
            args = _command_parser(name).parse_args(args_list[1:])
            return int(args._run(args))
        args = _main_parser().parse_args(args_list)
        if args.install_desktop:
            from fxdesigner.commands.desktop import install_desktop

            return install_desktop()
        from fxdesigner.commands.gui import launch

        return launch(args.plans)
    except SystemExit as exc:  # argparse: --help, --version, usage errors (status 2)
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
