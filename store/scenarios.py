"""Scenarios: named documents with immutable numbered versions, a draft/published status, and each
planner's working copy of unsaved edits. Documents are the JSON dicts of docs/scenario.schema.json; the
store keeps them as they are (callers validate them with geodata.scenario before saving)."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from store.accounts import Account
from store.database import Store
from store.models import Scenario, ScenarioDraft, User
from store.models import ScenarioVersion as VersionRow

Document = dict[str, Any]
_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")  # what secrets.token_urlsafe makes


@dataclass(frozen=True)
class ScenarioSummary:
    id: str
    name: str
    status: str  # "draft" | "published"
    version: int  # the latest
    owner: str
    updated_at: datetime


@dataclass(frozen=True)
class ScenarioVersion:
    scenario_id: str
    number: int
    document: Document
    author: str
    created_at: datetime
    message: str


class StaleVersion(Exception):
    def __init__(self, current: int, author: str) -> None:
        super().__init__(
            f"this scenario was saved as version {current} by {author} meanwhile; "
            "open that version and make your changes again"
        )
        self.current = current
        self.author = author


class UnknownScenario(LookupError):
    pass


class InvalidDocument(ValueError):
    """A document the database could not keep as it is (both backends refuse the same ones)."""


def _checked(document: Document, message: str = "") -> Document:
    # PostgreSQL's JSONB refuses NaN/Infinity and the NUL character, SQLite would keep them: refuse both
    # here, with one message, instead of a driver error on one backend only.
    try:
        json.dumps(document, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise InvalidDocument(f"the document is not plain JSON: {error}") from None
    if _has_nul(document) or _has_nul(message):
        raise InvalidDocument("the document or its message contains a NUL character")
    return document


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _key(scenario_id: str) -> str:
    """The id to look up: text that no scenario id can be (too long, other characters) finds nothing
    without reaching the database's own checks (PostgreSQL refuses NUL characters outright)."""
    return scenario_id if _ID.fullmatch(scenario_id) else ""


def _unknown(scenario_id: str, number: int | None = None) -> UnknownScenario:
    where = f"no scenario {scenario_id[:40]!r}"
    return UnknownScenario(where if number is None else f"{where} version {number}")


def create_scenario(store: Store, document: Document, author: Account, message: str = "") -> tuple[str, int]:
    """A new draft scenario owned by `author`, its document as version 1: (id, 1)."""
    _checked(document, message)
    now = datetime.now(UTC)
    # 72 random bits, URL-safe: not guessable, not sequential, short enough for a link.
    scenario_id = secrets.token_urlsafe(9)
    with store.transaction() as session:
        session.add(Scenario(id=scenario_id, name=_name(document), status="draft", owner_id=author.id,
                             latest_version=1, created_at=now, updated_at=now))  # fmt: skip
        session.flush()  # the scenario row before its version (foreign key)
        session.add(_version_row(scenario_id, 1, document, author, now, message))
    return scenario_id, 1


def save_version(
    store: Store, scenario_id: str, document: Document, author: Account, expected_version: int, message: str
) -> int:
    """The number of the new version; StaleVersion when the latest is no longer `expected_version`."""
    try:
        with store.transaction() as session:
            return _append(session, scenario_id, document, author, expected_version, message)
    except IntegrityError as error:  # a racing save took the number first (unique scenario_id, number)?
        raise _stale_or(store, scenario_id, expected_version, error) from None


def restore_version(
    store: Store, scenario_id: str, number: int, author: Account, expected_version: int
) -> int:
    """A new version carrying the document of version `number` (history is never rewritten)."""
    try:
        with store.transaction() as session:
            old = session.scalar(_version_query(scenario_id, number))
            if old is None:
                raise _unknown(scenario_id, number)
            message = f"restored version {number}"
            return _append(session, scenario_id, old.document, author, expected_version, message)
    except IntegrityError as error:
        raise _stale_or(store, scenario_id, expected_version, error) from None


def _append(
    session: Session, scenario_id: str, document: Document, author: Account, expected: int, message: str
) -> int:
    # FOR UPDATE: on PostgreSQL a racing save waits here, then sees the number the first one wrote.
    scenario = session.scalar(select(Scenario).where(Scenario.id == _key(scenario_id)).with_for_update())
    if scenario is None:
        raise _unknown(scenario_id)
    if scenario.latest_version != expected:
        raise StaleVersion(scenario.latest_version, _author_of(session, scenario_id, scenario.latest_version))
    now, number = datetime.now(UTC), expected + 1
    session.add(_version_row(scenario_id, number, _checked(document, message), author, now, message))
    scenario.latest_version, scenario.name, scenario.updated_at = number, _name(document), now
    session.flush()
    return number


def _stale_or(store: Store, scenario_id: str, expected: int, error: IntegrityError) -> Exception:
    """StaleVersion if another save did move the scenario on; else the integrity error itself (another
    constraint, such as an author who is not in the database, must not pass for a conflict)."""
    with store.reading() as session:
        latest = session.scalar(select(Scenario.latest_version).where(Scenario.id == _key(scenario_id)))
        if latest is None or latest == expected:
            return error
        return StaleVersion(latest, _author_of(session, scenario_id, latest))


def _author_of(session: Session, scenario_id: str, number: int) -> str:
    query = select(User.name).join(VersionRow, VersionRow.author_id == User.id)
    name = session.scalar(
        query.where(VersionRow.scenario_id == _key(scenario_id), VersionRow.number == number)
    )
    return name or "?"


def publish(store: Store, scenario_id: str) -> None:
    with store.transaction() as session:
        scenario = session.get(Scenario, _key(scenario_id))
        if scenario is None:
            raise _unknown(scenario_id)
        scenario.status = "published"


def get_scenario(store: Store, scenario_id: str) -> ScenarioSummary | None:
    with store.reading() as session:
        return summary_in(session, scenario_id)


def summary_in(session: Session, scenario_id: str) -> ScenarioSummary | None:
    """The scenario's summary, read in the caller's transaction."""
    row = session.execute(_summary_query().where(Scenario.id == _key(scenario_id))).first()
    return None if row is None else _summary(row[0], row[1])


def list_scenarios(store: Store, viewer: Account | None) -> list[ScenarioSummary]:
    """Published scenarios and the viewer's own drafts (an admin sees every scenario), newest first."""
    query = _summary_query().order_by(Scenario.updated_at.desc(), Scenario.id)
    if viewer is None:
        query = query.where(Scenario.status == "published")
    elif viewer.role != "admin":
        query = query.where(or_(Scenario.status == "published", Scenario.owner_id == viewer.id))
    with store.reading() as session:
        return [_summary(scenario, owner) for scenario, owner in session.execute(query)]


def get_version(store: Store, scenario_id: str, number: int | None = None) -> ScenarioVersion | None:
    """Version `number` of the scenario, or its latest when `number` is None."""
    with store.reading() as session:
        if number is None:
            number = session.scalar(select(Scenario.latest_version).where(Scenario.id == _key(scenario_id)))
            if number is None:
                return None
        row = session.execute(_version_query(scenario_id, number)).first()
        return None if row is None else _version(row[0], row[1])


def history(store: Store, scenario_id: str) -> list[ScenarioVersion]:
    """Every version of the scenario, oldest first (empty for an unknown id)."""
    query = _version_query(scenario_id).order_by(VersionRow.number)
    with store.reading() as session:
        return [_version(row, author) for row, author in session.execute(query)]


def put_draft(store: Store, scenario_id: str, account: Account, document: Document, base_version: int) -> int:
    """Keeps the account's unsaved edits of the scenario; returns the draft's new revision."""
    with store.transaction() as session:
        # The scenario's row lock serialises two tabs of the same planner writing their draft at once.
        query = select(Scenario.latest_version).where(Scenario.id == _key(scenario_id))
        latest = session.scalar(query.with_for_update())
        if latest is None:
            raise _unknown(scenario_id)
        if not 1 <= base_version <= latest:
            raise _unknown(scenario_id, base_version)
        draft = session.scalar(_draft_query(scenario_id, account))
        now = datetime.now(UTC)
        if draft is None:
            draft = ScenarioDraft(scenario_id=scenario_id, user_id=account.id, revision=0)
            session.add(draft)
        draft.revision, draft.base_version, draft.document, draft.updated_at = (
            draft.revision + 1, base_version, _checked(document), now)  # fmt: skip
        session.flush()
        return draft.revision


def get_draft(store: Store, scenario_id: str, account: Account) -> tuple[int, int, Document] | None:
    """(revision, base_version, document) of the account's working copy, or None."""
    with store.reading() as session:
        draft = session.scalar(_draft_query(scenario_id, account))
        return None if draft is None else (draft.revision, draft.base_version, draft.document)


def drop_draft(store: Store, scenario_id: str, account: Account) -> None:
    with store.transaction() as session:
        mine = (ScenarioDraft.scenario_id == _key(scenario_id), ScenarioDraft.user_id == account.id)
        session.execute(delete(ScenarioDraft).where(*mine))


def _name(document: Document) -> str:
    return str(document.get("name") or "")


def _version_row(
    scenario_id: str, number: int, document: Document, author: Account, now: datetime, message: str
) -> VersionRow:
    return VersionRow(scenario_id=scenario_id, number=number, document=document, author_id=author.id,
                      created_at=now, message=message)  # fmt: skip


def _summary_query() -> Select[Scenario, str]:
    owner = aliased(User)
    return select(Scenario, owner.name).join(owner, owner.id == Scenario.owner_id)


def _summary(scenario: Scenario, owner: str) -> ScenarioSummary:
    return ScenarioSummary(
        id=scenario.id,
        name=scenario.name,
        status=scenario.status,
        version=scenario.latest_version,
        owner=owner,
        updated_at=scenario.updated_at,
    )


def _version_query(scenario_id: str, number: int | None = None) -> Select[VersionRow, str]:
    query = select(VersionRow, User.name).join(User, User.id == VersionRow.author_id)
    query = query.where(VersionRow.scenario_id == _key(scenario_id))
    return query if number is None else query.where(VersionRow.number == number)


def _version(row: VersionRow, author: str) -> ScenarioVersion:
    return ScenarioVersion(scenario_id=row.scenario_id, number=row.number, document=row.document,
                           author=author, created_at=row.created_at, message=row.message)  # fmt: skip


def _draft_query(scenario_id: str, account: Account) -> Select[ScenarioDraft]:
    return select(ScenarioDraft).where(ScenarioDraft.scenario_id == _key(scenario_id),
                                       ScenarioDraft.user_id == account.id)  # fmt: skip
