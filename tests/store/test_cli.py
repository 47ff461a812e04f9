"""The admin commands, run the way the README says (`python -m app user ...`), on both backends."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from store import cli
from store.accounts import Account, account_by_id, account_for_token, sign_in
from store.database import open_store

REPO = Path(__file__).resolve().parents[2]
SECRET = "a long enough secret"


def _env(store_url: str, tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TWIN_")}
    if store_url.startswith("sqlite"):
        env["TWIN_STATE_DIR"] = str(tmp_path)  # the store_url fixture's file is tmp_path/twin.sqlite3
    else:
        env["TWIN_DATABASE_URL"] = store_url
    return env


def _user(store_url: str, tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "app", "user", *args]
    return subprocess.run(command, cwd=REPO, env=_env(store_url, tmp_path), input=stdin, capture_output=True,
                          text=True, timeout=120, check=False)  # fmt: skip


def test_add_then_token(store_url: str, tmp_path: Path) -> None:
    added = _user(store_url, tmp_path, "add", "paula", "--role", "planner", stdin=SECRET + "\n")
    assert (added.returncode, added.stdout, added.stderr) == (0, "added paula (planner)\n", "")
    token = _user(store_url, tmp_path, "token", "paula")
    assert token.returncode == 0 and token.stderr == ""
    printed = token.stdout.strip()
    assert len(printed) >= 43 and "\n" not in printed
    store = open_store(store_url)
    account = sign_in(store, "paula", SECRET, datetime.now(UTC))
    assert account is not None and (account.name, account.role) == ("paula", "planner")
    assert account_for_token(store, printed) == account
    store.engine.dispose()


@dataclass(frozen=True)
class _Settings:
    state_dir: Path
    database_url: str | None


def _in_process(store_url: str, tmp_path: Path, args: tuple[str, ...], stdin: str) -> int:
    """store.cli.main as app.py calls it, without paying a Python start-up per case."""
    settings = _Settings(tmp_path, None if store_url.startswith("sqlite") else store_url)
    try:
        return cli.main(list(args), settings, io.StringIO(stdin))
    except SystemExit as leaving:  # argparse's refusals
        return int(leaving.code or 0)


def test_through_app_a_refusal_is_one_line_and_exit_2(store_url: str, tmp_path: Path) -> None:
    done = _user(store_url, tmp_path, "add", "paula", "--role", "planner", stdin="too short\n")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "refused: the password is shorter than 10 characters\n"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("add", "paula", "--role", "owner"), SECRET, "invalid choice: 'owner'"),
        (("add", "paula"), SECRET, "the following arguments are required: --role"),
        (("add", "paula", "--role", "planner"), "", "refused: the password is empty"),
        (("add", "paula", "--role", "planner"), "\n", "refused: the password is empty"),
        (("add", "pau la", "--role", "planner"), SECRET, "refused: a user name is 1 to 64 letters"),
        (("token", "nobody"), "", "refused: no user is named 'nobody'"),
        (("remove", "paula"), "", "invalid choice: 'remove'"),
        ((), "", "the following arguments are required: command"),
    ],
)
def test_refusals_are_one_line_and_exit_2(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], stdin: str,
    message: str
) -> None:  # fmt: skip
    assert _in_process(store_url, tmp_path, args, stdin) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err and err.count("\n") == 1, err
    assert SECRET not in err
    store = open_store(store_url)
    assert account_by_id(store, 1) is None  # nobody was added
    store.engine.dispose()


def test_a_taken_name_is_refused_and_the_first_account_kept(
    store_url: str, tmp_path: Path, planner: Account, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _in_process(store_url, tmp_path, ("add", "paula", "--role", "admin"), SECRET) == 2
    assert capsys.readouterr().err == "refused: the name 'paula' is taken\n"
    store = open_store(store_url)
    assert sign_in(store, "paula", SECRET, datetime.now(UTC)) is None  # still the fixture's password
    store.engine.dispose()


def test_an_unreachable_database_is_one_line_without_its_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+psycopg://twin:hunter2-secret@127.0.0.1:1/twin"
    assert _in_process(url, tmp_path, ("token", "paula"), "") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("refused: cannot use the store postgresql+psycopg://twin:***@127.0.0.1:1/twin")
    assert "hunter2" not in err
