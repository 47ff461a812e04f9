"""Accounts: users with a role, argon2 password hashes, API tokens (only their SHA-256 is kept) and the
failed sign-ins behind the rate limit (kept in the database so that every worker sees them)."""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.database import Store, serialise
from store.models import ApiToken, SignInAttempt, User

ROLES = ("planner", "moderator", "admin")
MIN_PASSWORD_LENGTH = 10
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
_NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")
# A hash no password matches in practice: unknown names cost one verification too, so the time a refusal
# takes does not tell whether the name exists.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$0giXYqyfWeiswZU31EwTsw$9lGCI/8UHVRU6I0l2JDCKzRhHrGF9wBlkBn6P+Yt4Ps"
)


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    session_epoch: int = 0  # sessions issued in an earlier epoch are over (end_sessions)


class AccountError(ValueError):
    """A refused account operation; the message is one line meant for the person who asked."""


class TooManyAttempts(Exception):
    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"too many failed sign-ins for this name; try again in {retry_after_s} s")
        self.retry_after_s = retry_after_s


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise AccountError(f"a user name is 1 to 64 letters, digits, '.', '_' or '-', not {name!r}")
    return name


def check_password(password: str) -> str:
    if not password:
        raise AccountError("the password is empty")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password is shorter than {MIN_PASSWORD_LENGTH} characters")
    return password


def add_user(store: Store, name: str, role: str, password: str) -> Account:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (one of: {', '.join(ROLES)})")
    password_hash = PasswordHasher().hash(check_password(password))  # slow on purpose: outside the lock
    user = User(name=check_name(name), role=role, password_hash=password_hash, created_at=datetime.now(UTC))
    try:
        with store.transaction() as session:
            if session.scalar(select(User.id).where(User.name == name)) is not None:
                raise AccountError(f"the name {name!r} is taken")
            session.add(user)
            session.flush()
            return _account(user)
    except IntegrityError:  # another process added the same name between our check and our insert
        raise AccountError(f"the name {name!r} is taken") from None


def sign_in(store: Store, name: str, password: str, now: datetime) -> Account | None:
    """The account, or None for a wrong name or password. Every attempt is written down (under a lock
    on the name) before the password is checked, so racing workers cannot exceed the limit; a success
    clears the name's failures."""
    if not _NAME.fullmatch(name):  # no account has it: nothing to count, but the same time to refuse
        return _verified((_DUMMY_HASH, None), password)
    account = _verified(_count_attempt(store, name, now), password)
    if account is not None:
        with store.transaction() as session:
            session.execute(delete(SignInAttempt).where(SignInAttempt.name == name))
    return account


def _count_attempt(store: Store, name: str, now: datetime) -> tuple[str, Account | None]:
    with store.transaction() as session:
        serialise(session, f"sign-in:{name}")
        session.execute(delete(SignInAttempt).where(SignInAttempt.attempted_at <= now - FAILURE_WINDOW))
        recent = _recent_failures(session, name)
        if len(recent) >= MAX_FAILURES:
            wait = (recent[MAX_FAILURES - 1] + FAILURE_WINDOW - now).total_seconds()
            raise TooManyAttempts(max(1, math.ceil(wait)))
        session.add(SignInAttempt(name=name, attempted_at=now))
        user = session.scalar(select(User).where(User.name == name))
        return (_DUMMY_HASH, None) if user is None else (user.password_hash, _account(user))


def _recent_failures(session: Session, name: str) -> list[datetime]:
    """The name's attempts still inside the window, newest first."""
    query = select(SignInAttempt.attempted_at).where(SignInAttempt.name == name)
    return list(session.scalars(query.order_by(SignInAttempt.attempted_at.desc()).limit(MAX_FAILURES)))


def _verified(found: tuple[str, Account | None], password: str) -> Account | None:
    password_hash, account = found
    try:
        PasswordHasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return account


def new_token(store: Store, name: str) -> str:
    """A new API token for the user: returned once, only its SHA-256 is stored."""
    token = secrets.token_urlsafe(32)
    with store.transaction() as session:
        user_id = session.scalar(select(User.id).where(User.name == check_name(name)))
        if user_id is None:
            raise AccountError(f"no user is named {name!r}")
        session.add(ApiToken(user_id=user_id, token_sha256=_digest(token), created_at=datetime.now(UTC)))
    return token


def account_for_token(store: Store, token: str) -> Account | None:
    query = (
        select(User)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_sha256 == _digest(token))
    )
    with store.reading() as session:
        user = session.scalar(query)
        return None if user is None else _account(user)


def account_by_id(store: Store, account_id: int) -> Account | None:
    with store.reading() as session:
        user = session.get(User, account_id)
        return None if user is None else _account(user)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def end_sessions(store: Store, account_id: int) -> None:
    """Ends every session of the account, on every device: a copied cookie is worth nothing afterwards."""
    with store.transaction() as session:
        session.execute(
            update(User).where(User.id == account_id).values(session_epoch=User.session_epoch + 1)
        )


def _account(user: User) -> Account:
    return Account(id=user.id, name=user.name, role=user.role, session_epoch=user.session_epoch)
