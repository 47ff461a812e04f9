"""Admin commands, run from the project root through app.py:

    .venv/bin/python -m app user add NAME --role planner|moderator|admin   (password on stdin, one line)
    .venv/bin/python -m app user token NAME                                (prints a new API token)

A refusal is one line on stderr and exit code 2; the password is never echoed."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import NoReturn, TextIO

from sqlalchemy import make_url
from sqlalchemy.exc import SQLAlchemyError

from store.accounts import ROLES, AccountError, add_user, new_token
from store.database import StoreSettings, open_store, store_url

REFUSED = 2


class _OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad command line is one line (no usage block), exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(REFUSED, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(prog="python -m app user", description="Manage the twin's accounts.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_OneLineParser)
    add = commands.add_parser("add", help="add a user (password read from stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    token = commands.add_parser("token", help="print a new API token for a user")
    token.add_argument("name")
    return parser


def main(argv: list[str], settings: StoreSettings, stdin: TextIO | None = None) -> int:
    """Runs one `user` command; returns the exit code."""
    args = _parser().parse_args(argv)
    url = ""
    try:
        url = store_url(settings)
        store = open_store(url)
        if args.command == "add":
            account = add_user(store, args.name, args.role, _password(stdin or sys.stdin))
            print(f"added {account.name} ({account.role})")
        else:
            print(new_token(store, args.name))
    except AccountError as error:
        return _refuse(str(error))
    except (SQLAlchemyError, OSError) as error:
        return _refuse(f"cannot use the store {_safe(url)}: {type(error).__name__}: {_first_line(error)}")
    return 0


def _password(stdin: TextIO) -> str:
    """One line from stdin; typed at a terminal, not echoed."""
    if stdin.isatty():
        return getpass.getpass("password: ")
    return stdin.readline().rstrip("\r\n")


def _refuse(message: str) -> int:
    print(f"refused: {message}", file=sys.stderr)
    return REFUSED


def _safe(url: str) -> str:
    """The URL without its password (it would end up in a terminal's scroll-back or a CI log)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - any unparsable URL: say nothing of it rather than leak it
        return "(unreadable URL)"


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else ""
