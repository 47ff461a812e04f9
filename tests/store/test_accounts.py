"""Accounts on both backends: adding users (and every refusal), signing in with its rate limit, API
tokens stored as their SHA-256 only."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, select, text

from store.accounts import (
    Account,
    AccountError,
    TooManyAttempts,
    account_by_id,
    account_for_token,
    add_user,
    new_token,
    sign_in,
)
from store.database import Store
from store.models import ApiToken, SignInAttempt, User
from tests.store.conftest import PASSWORD

NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_add_user_stores_an_argon2_hash_never_the_password(store: Store) -> None:
    account = add_user(store, "paula.m_2-x", "planner", PASSWORD)
    assert (account.name, account.role) == ("paula.m_2-x", "planner")
    with store.reading() as session:
        user = session.get_one(User, account.id)
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    ("name", "role", "password", "reason"),
    [
        ("", "planner", PASSWORD, "1 to 64 letters"),
        ("x" * 65, "planner", PASSWORD, "1 to 64 letters"),
        ("paula m", "planner", PASSWORD, "1 to 64 letters"),
        ("paula;drop", "planner", PASSWORD, "1 to 64 letters"),
        ("élodie", "planner", PASSWORD, "1 to 64 letters"),
        ("paula", "owner", PASSWORD, "unknown role 'owner'"),
        ("paula", "planner", "", "the password is empty"),
        ("paula", "planner", "123456789", "shorter than 10 characters"),
    ],
)
def test_add_user_refuses_with_one_line(
    store: Store, name: str, role: str, password: str, reason: str
) -> None:
    with pytest.raises(AccountError, match=reason) as refused:
        add_user(store, name, role, password)
    assert "\n" not in str(refused.value)
    with store.reading() as session:
        assert session.scalars(select(User)).all() == []


def test_a_name_is_taken_once(store: Store, planner: Account) -> None:
    with pytest.raises(AccountError, match="the name 'paula' is taken"):
        add_user(store, "paula", "admin", "another long password")
    assert account_by_id(store, planner.id) == Account(planner.id, "paula", "planner")


def test_sign_in_with_the_right_password(store: Store, planner: Account) -> None:
    assert sign_in(store, "paula", PASSWORD, NOON) == planner


@pytest.mark.parametrize(
    ("name", "password"), [("paula", "wrong password!"), ("nobody", PASSWORD), ("paula", "")]
)
def test_sign_in_refuses_a_wrong_name_or_password(
    store: Store, planner: Account, name: str, password: str
) -> None:
    assert sign_in(store, name, password, NOON) is None


def test_five_failures_within_15_minutes_stop_even_the_right_password(store: Store, planner: Account) -> None:
    for minute in range(5):  # failures at 12:00, 12:01 ... 12:04
        assert sign_in(store, "paula", "wrong password!", NOON + timedelta(minutes=minute)) is None
    at = NOON + timedelta(minutes=10)
    with pytest.raises(TooManyAttempts) as refused:
        sign_in(store, "paula", PASSWORD, at)
    # The oldest of the five (12:00) leaves the window at 12:15: 5 minutes after 12:10.
    assert refused.value.retry_after_s == 300
    # Another name is not affected.
    add_user(store, "pierre", "planner", PASSWORD)
    assert sign_in(store, "pierre", PASSWORD, at) is not None
    # Once the oldest failure is 15 minutes old, four remain and the right password works again.
    assert sign_in(store, "paula", PASSWORD, NOON + timedelta(minutes=15)) == planner


def test_failures_for_an_unknown_name_are_limited_too(store: Store) -> None:
    for second in range(5):
        assert sign_in(store, "ghost", "whatever password", NOON + timedelta(seconds=second)) is None
    with pytest.raises(TooManyAttempts) as refused:
        sign_in(store, "ghost", "whatever password", NOON + timedelta(seconds=10))
    assert refused.value.retry_after_s == 15 * 60 - 10


def test_a_success_clears_the_failures_and_no_address_is_kept(store: Store, planner: Account) -> None:
    for minute in range(4):
        sign_in(store, "paula", "wrong password!", NOON + timedelta(minutes=minute))
    assert sign_in(store, "paula", PASSWORD, NOON + timedelta(minutes=5)) == planner
    for minute in range(4):  # four more failures do not reach the limit: the count started again
        sign_in(store, "paula", "wrong password!", NOON + timedelta(minutes=6 + minute))
    assert sign_in(store, "paula", PASSWORD, NOON + timedelta(minutes=11)) == planner
    columns = {column["name"] for column in inspect(store.engine).get_columns("sign_in_attempts")}
    assert columns == {"id", "name", "attempted_at"}


def test_a_token_is_stored_as_its_sha256_only(store: Store, planner: Account) -> None:
    token = new_token(store, "paula")
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    with store.reading() as session:
        stored = session.scalars(select(ApiToken.token_sha256)).all()
        dump = " ".join(str(row) for row in session.execute(text("SELECT * FROM api_tokens")))
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    assert token not in dump
    assert account_for_token(store, token) == planner


def test_every_token_is_new_and_each_one_works(store: Store, planner: Account) -> None:
    first, second = new_token(store, "paula"), new_token(store, "paula")
    assert first != second
    assert account_for_token(store, first) == account_for_token(store, second) == planner


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 10_000])
def test_an_unknown_token_is_no_account(store: Store, planner: Account, token: str) -> None:
    new_token(store, "paula")
    assert account_for_token(store, token) is None


def test_a_token_for_nobody_is_refused(store: Store) -> None:
    with pytest.raises(AccountError, match="no user is named 'nobody'"):
        new_token(store, "nobody")
    with pytest.raises(AccountError, match="a user name is 1 to 64 letters"):
        new_token(store, "no\x00body")


def test_account_by_id(store: Store, planner: Account, admin: Account) -> None:
    assert account_by_id(store, admin.id) == Account(admin.id, "ada", "admin")
    assert account_by_id(store, planner.id) == Account(planner.id, "paula", "planner")
    assert account_by_id(store, 10_000) is None


def test_failed_attempts_are_rows_in_the_database(store: Store) -> None:
    """Every worker sees them: they are rows, not process memory."""
    sign_in(store, "paula", "wrong password!", NOON)
    with store.reading() as session:
        assert session.scalars(select(SignInAttempt.name)).all() == ["paula"]
