"""Citizens' contributions: pinned on a building, a floor or a point, published only once a moderator
approves them, answered publicly ("vous avez dit, nous avons fait") and withdrawn by their author with the
code they were given.

Nothing personal is kept: no account, no IP address, no user agent. The anonymous visitor (a random id from
the session cookie) is stored only as a SHA-256, to count supports and reports once per visitor and to rate
limit; the withdraw code only as a SHA-256. Every write is one transaction; every decision is logged.
Where the pin stands (building, floor, point inside the district) is checked by the caller
(geodata.places); what a contribution says, and whether a moderator may decide, is checked here.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store import scenarios
from store.accounts import Account
from store.database import Store, serialise
from store.models import Contribution as Row
from store.models import ContributionAttempt, ContributionVote, ModerationDecision, User
from store.permissions import can

CATEGORIES = ("logement", "nature", "mobilite", "culture", "economie", "autre")
FOLLOW_UPS = ("recue", "a_l_etude", "retenue", "non_retenue", "realisee")
MODERATION_STATES = ("pending", "approved", "rejected", "hidden")
DECISIONS = ("approve", "reject", "hide", "restore")
MAX_TEXT_CHARS = 1000
MAX_PSEUDONYM_CHARS = 40
MAX_REASON_CHARS = 500
MAX_ANSWER_CHARS = 2000
REPORTS_TO_HIDE = 3  # distinct visitors' reports that hide a published contribution until reviewed
RATE_LIMIT = 5  # contributions per visitor...
RATE_WINDOW = timedelta(minutes=10)  # ...in this window
DUPLICATE_WINDOW = timedelta(days=30)
DUPLICATE_SIMILARITY = 0.8  # Jaccard similarity of the texts' word triples from which two are "the same"
DUPLICATE_CANDIDATES = 500  # the most recent ones compared: bounded work per submission
# Codes read aloud or copied from a screen: no 0/O, 1/I/L.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_ID = re.compile(r"[a-z2-9]{8}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ContributionError(ValueError):
    """A refused contribution or decision (400); the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class Duplicate(ContributionError):
    """A near-duplicate of a recent contribution (409)."""

    def __init__(self) -> None:
        super().__init__("text", "an almost identical contribution was sent recently")


class TooManyContributions(Exception):
    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"too many contributions from this session; try again in {retry_after_s} s")
        self.retry_after_s = retry_after_s


class UnknownContribution(LookupError):
    pass


@dataclass(frozen=True)
class NewContribution:
    category: str
    text: str
    pseudonym: str | None
    building_id: str | None
    floor_id: str | None
    level: int | None
    lon: float
    lat: float
    scenario_id: str | None = None  # what was on screen; None: the baseline
    scenario_version: int | None = None
    shown_at: datetime | None = None  # the time chosen on screen, naive local time


@dataclass(frozen=True)
class Contribution:
    id: str
    created_at: datetime
    updated_at: datetime
    category: str
    text: str
    pseudonym: str | None
    building_id: str | None
    floor_id: str | None
    level: int | None
    lon: float
    lat: float
    scenario_id: str | None
    scenario_version: int | None
    shown_at: datetime | None
    moderation: str
    auto_hidden: bool
    reports: int
    supports: int
    follow_up: str | None
    answer: str | None
    answer_scenario_id: str | None
    answer_scenario_version: int | None
    answered_at: datetime | None

    @property
    def public(self) -> bool:
        return self.moderation == "approved" and not self.auto_hidden

    def public_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "text": self.text,
            "pseudonym": self.pseudonym,
            "created_at": self.created_at.isoformat(),
            "status": self.follow_up,
            "answer": self.answer,
            "answer_scenario": _reference(self.answer_scenario_id, self.answer_scenario_version),
            "answered_at": None if self.answered_at is None else self.answered_at.isoformat(),
            "building_id": self.building_id,
            "floor_id": self.floor_id,
            "level": self.level,
            "lon": self.lon,
            "lat": self.lat,
            "scenario": _reference(self.scenario_id, self.scenario_version),
            "shown_at": None if self.shown_at is None else self.shown_at.isoformat(timespec="minutes"),
            "supports": self.supports,
        }

    def moderator_json(self) -> dict[str, Any]:
        return {
            **self.public_json(),
            "moderation": self.moderation,
            "auto_hidden": self.auto_hidden,
            "reports": self.reports,
        }


@dataclass(frozen=True)
class Submitted:
    id: str
    withdraw_code: str  # shown once to the author; only its SHA-256 is stored


@dataclass(frozen=True)
class Decision:
    action: str  # submit, approve, reject, hide, restore, auto_hide, follow_up, withdraw
    actor: str | None  # the moderator's or planner's name; None: the author or the automatic hiding
    reason: str
    at: datetime


def _reference(scenario_id: str | None, version: int | None) -> dict[str, Any] | None:
    return None if scenario_id is None else {"id": scenario_id, "version": version}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalised(text: str) -> str:
    """The text as compared for duplicates: no accents, no case, no punctuation, single spaces."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _one_line(value: str, field: str, limit: int, required: bool) -> str:
    text = value.strip()
    if required and not text:
        raise ContributionError(field, "required")
    if len(text) > limit:
        raise ContributionError(field, f"at most {limit} characters")
    if _CONTROL.search(text) or "\n" in text or "\r" in text:
        raise ContributionError(field, "one line of text")
    return text


def _checked_text(text: str, field: str, limit: int) -> str:
    """Stripped text of 1 to `limit` characters; line breaks allowed, other control characters not."""
    value = text.strip() if isinstance(text, str) else ""
    if not value:
        raise ContributionError(field, "required")
    if len(value) > limit:
        raise ContributionError(field, f"at most {limit} characters (got {len(value)})")
    if _CONTROL.search(value):
        raise ContributionError(field, "control characters are not allowed")
    try:
        value.encode()
    except UnicodeEncodeError:
        raise ContributionError(field, "not valid Unicode text") from None
    return value


def _checked_new(new: NewContribution) -> NewContribution:
    if new.category not in CATEGORIES:
        raise ContributionError("category", f"one of {', '.join(CATEGORIES)}")
    text = _checked_text(new.text, "text", MAX_TEXT_CHARS)
    pseudonym = None
    if new.pseudonym is not None and new.pseudonym.strip():
        pseudonym = _one_line(new.pseudonym, "pseudonym", MAX_PSEUDONYM_CHARS, required=False)
        _checked_text(pseudonym, "pseudonym", MAX_PSEUDONYM_CHARS)
    if not (math.isfinite(new.lon) and math.isfinite(new.lat)):
        raise ContributionError("lon", "not a finite coordinate")
    if (new.scenario_id is None) != (new.scenario_version is None):
        raise ContributionError("scenario_version", "a scenario and its version go together")
    return NewContribution(
        new.category, text, pseudonym, new.building_id, new.floor_id, new.level, new.lon, new.lat,
        new.scenario_id, new.scenario_version, new.shown_at,
    )  # fmt: skip


def _new_code(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def _withdraw_code() -> str:
    code = _new_code(10)
    return f"{code[:5]}-{code[5:]}"


def _code_key(code: str) -> str:
    """The code as stored: upper case, without the dash or spaces people may add or drop."""
    return _digest(re.sub(r"[\s-]+", "", code).upper())


def submit(store: Store, new: NewContribution, visitor: str, now: datetime) -> Submitted:
    """Stores a contribution awaiting moderation; refuses bad values, a near-duplicate and a visitor over the
    rate limit (checked and counted in the same transaction, so racing workers cannot exceed it)."""
    checked = _checked_new(new)
    code = _withdraw_code()
    contribution_id = _new_code(8).lower()
    with store.transaction() as session:
        serialise(session, "contributions")
        _count_attempt(session, _digest(visitor), now)
        _refuse_duplicate(session, normalised(checked.text), now)
        _check_scenario(session, checked.scenario_id, checked.scenario_version, "scenario_version")
        session.add(_row(contribution_id, checked, _code_key(code), now))
        session.add(ModerationDecision(contribution_id=contribution_id, action="submit", actor_id=None,
                                       reason="", at=now))  # fmt: skip
    return Submitted(contribution_id, code)


def _row(contribution_id: str, new: NewContribution, code_sha256: str, now: datetime) -> Row:
    return Row(
        id=contribution_id, created_at=now, updated_at=now, category=new.category, text=new.text,
        fingerprint=normalised(new.text), pseudonym=new.pseudonym, building_id=new.building_id,
        floor_id=new.floor_id, level=new.level, lon=new.lon, lat=new.lat, scenario_id=new.scenario_id,
        scenario_version=new.scenario_version, shown_at=new.shown_at, withdraw_sha256=code_sha256,
        moderation="pending", auto_hidden=False, reports=0, supports=0,
    )  # fmt: skip


def _count_attempt(session: Session, visitor_sha256: str, now: datetime) -> None:
    session.execute(delete(ContributionAttempt).where(ContributionAttempt.attempted_at <= now - RATE_WINDOW))
    recent = list(
        session.scalars(
            select(ContributionAttempt.attempted_at)
            .where(ContributionAttempt.visitor_sha256 == visitor_sha256)
            .order_by(ContributionAttempt.attempted_at.desc())
            .limit(RATE_LIMIT)
        )
    )
    if len(recent) >= RATE_LIMIT:
        wait = (recent[RATE_LIMIT - 1] + RATE_WINDOW - now).total_seconds()
        raise TooManyContributions(max(1, math.ceil(wait)))
    session.add(ContributionAttempt(visitor_sha256=visitor_sha256, attempted_at=now))


def _refuse_duplicate(session: Session, fingerprint: str, now: datetime) -> None:
    recent = session.scalars(
        select(Row.fingerprint)
        .where(Row.created_at > now - DUPLICATE_WINDOW, Row.moderation != "rejected")
        .order_by(Row.created_at.desc())
        .limit(DUPLICATE_CANDIDATES)
    )
    mine = shingles(fingerprint)
    for other in recent:
        theirs = shingles(other)
        if len(mine & theirs) >= DUPLICATE_SIMILARITY * len(mine | theirs):
            raise Duplicate()


def shingles(fingerprint: str) -> set[tuple[str, ...]]:
    """The text's runs of three words (a shorter text: itself): sets compared in linear time, where an
    edit distance over 1,000 characters would hold the write lock for seconds per candidate."""
    words = fingerprint.split()
    if len(words) < 3:
        return {tuple(words)}
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _check_scenario(session: Session, scenario_id: str | None, version: int | None, field: str) -> None:
    """A referenced scenario version exists (who may see it is the caller's check)."""
    if scenario_id is None:
        return
    summary = scenarios.summary_in(session, scenario_id)
    if summary is None or version is None or not 1 <= version <= summary.version:
        raise ContributionError(field, "no such scenario version")


def _key(contribution_id: str) -> str:
    return contribution_id if isinstance(contribution_id, str) and _ID.fullmatch(contribution_id) else ""


def _locked(session: Session, contribution_id: str) -> Row:
    row = session.scalar(select(Row).where(Row.id == _key(contribution_id)).with_for_update())
    if row is None:
        raise UnknownContribution(f"no contribution {contribution_id[:20]!r}")
    return row


def withdraw(store: Store, contribution_id: str, code: str, now: datetime | None = None) -> None:
    """The author's right to erasure: the contribution, its supports and reports are deleted; the log keeps
    that it was withdrawn, nothing of what it said. A wrong id or code is UnknownContribution (one answer
    for both: the code cannot be probed id by id)."""
    with store.transaction() as session:
        row = session.scalar(select(Row).where(Row.id == _key(contribution_id)).with_for_update())
        if row is None or not secrets.compare_digest(row.withdraw_sha256, _code_key(code or "")):
            raise UnknownContribution("no contribution with this number and code")
        session.delete(row)
        session.add(ModerationDecision(contribution_id=row.id, action="withdraw", actor_id=None, reason="",
                                       at=now or datetime.now(UTC)))  # fmt: skip


def support(store: Store, contribution_id: str, visitor: str, now: datetime | None = None) -> int:
    """One support per visitor (a second one changes nothing); public contributions only. The count."""
    with store.transaction() as session:
        row = _public_row(session, contribution_id)
        if _voted(session, row.id, "support", visitor):
            row.supports += 1
            row.updated_at = now or datetime.now(UTC)
        return row.supports


def report(store: Store, contribution_id: str, visitor: str, now: datetime) -> bool:
    """One report per visitor; REPORTS_TO_HIDE of them hide the contribution until a moderator reviews it.
    Whether it is hidden now."""
    with store.transaction() as session:
        row = _public_row(session, contribution_id)
        if _voted(session, row.id, "report", visitor):
            row.reports += 1
            if row.reports >= REPORTS_TO_HIDE:
                row.auto_hidden = True
                row.updated_at = now
                session.add(ModerationDecision(contribution_id=row.id, action="auto_hide", actor_id=None,
                                               reason=f"{row.reports} reports", at=now))  # fmt: skip
        return row.auto_hidden


def _public_row(session: Session, contribution_id: str) -> Row:
    row = _locked(session, contribution_id)
    if row.moderation != "approved" or row.auto_hidden:
        raise UnknownContribution(f"no contribution {contribution_id[:20]!r}")
    return row


def _voted(session: Session, contribution_id: str, kind: str, visitor: str) -> bool:
    """Records the visitor's vote; False when they had already cast this one."""
    visitor_sha256 = _digest(visitor)
    existing = select(ContributionVote.id).where(
        ContributionVote.contribution_id == contribution_id,
        ContributionVote.kind == kind,
        ContributionVote.visitor_sha256 == visitor_sha256,
    )
    if session.scalar(existing) is not None:
        return False
    try:
        with session.begin_nested():  # a racing vote of the same visitor hits the unique constraint
            session.add(
                ContributionVote(contribution_id=contribution_id, kind=kind, visitor_sha256=visitor_sha256)
            )
    except IntegrityError:
        return False
    return True


def moderate(
    store: Store, contribution_id: str, decision: str, reason: str, moderator: Account, now: datetime
) -> Contribution:
    """approve (or restore): published, reports cleared; reject: never published; hide: withdrawn from the
    public. Reject and hide need a reason. Logged with who, when and why."""
    if not can(moderator, "moderate"):
        raise PermissionError("only a moderator may decide on contributions")
    if decision not in DECISIONS:
        raise ContributionError("decision", f"one of {', '.join(DECISIONS)}")
    why = _reason(reason, required=decision in ("reject", "hide"))
    with store.transaction() as session:
        row = _locked(session, contribution_id)
        _apply(session, row, decision)
        row.updated_at = now
        session.add(ModerationDecision(contribution_id=row.id, action=decision, actor_id=moderator.id,
                                       reason=why, at=now))  # fmt: skip
        return _contribution(row)


def _reason(reason: str, required: bool) -> str:
    if not isinstance(reason, str) or not reason.strip():
        if required:
            raise ContributionError("reason", "required to reject or hide")
        return ""
    return _checked_text(reason, "reason", MAX_REASON_CHARS)


def _apply(session: Session, row: Row, decision: str) -> None:
    if decision in ("approve", "restore"):
        row.moderation = "approved"
        row.auto_hidden = False
        row.reports = 0  # reviewed: the reports that hid it are settled, visitors may report it again
        session.execute(
            delete(ContributionVote).where(
                ContributionVote.contribution_id == row.id, ContributionVote.kind == "report"
            )
        )
        row.follow_up = row.follow_up or "recue"
    elif decision == "reject":
        if row.moderation == "approved":
            raise ContributionError("decision", "a published contribution is hidden, not rejected")
        row.moderation = "rejected"
    else:  # hide
        if row.moderation != "approved":
            raise ContributionError("decision", "only a published contribution can be hidden")
        row.moderation = "hidden"


def follow_up(
    store: Store,
    contribution_id: str,
    status: str,
    answer: str,
    scenario: tuple[str, int] | None,
    account: Account,
    now: datetime,
) -> Contribution:
    """The public follow-up of an approved contribution: its status, an answer, and the published scenario
    version that answers it, if any."""
    if not can(account, "follow_up"):
        raise PermissionError("only a planner or a moderator may answer contributions")
    if status not in FOLLOW_UPS:
        raise ContributionError("status", f"one of {', '.join(FOLLOW_UPS)}")
    text = _checked_text(answer, "answer", MAX_ANSWER_CHARS) if answer and answer.strip() else None
    with store.transaction() as session:
        row = _locked(session, contribution_id)
        if row.moderation != "approved":
            raise ContributionError("status", "only an approved contribution gets a follow-up")
        _check_answer_scenario(session, scenario)
        row.follow_up, row.answer, row.answered_at, row.updated_at = status, text, now, now
        row.answer_scenario_id, row.answer_scenario_version = scenario or (None, None)
        session.add(ModerationDecision(contribution_id=row.id, action="follow_up", actor_id=account.id,
                                       reason=status, at=now))  # fmt: skip
        return _contribution(row)


def _check_answer_scenario(session: Session, scenario: tuple[str, int] | None) -> None:
    """An answer links the public to a published scenario version only (a draft would be a dead link)."""
    if scenario is None:
        return
    _check_scenario(session, scenario[0], scenario[1], "scenario_version")
    summary = scenarios.summary_in(session, scenario[0])
    if summary is None or summary.status != "published":
        raise ContributionError("scenario_id", "only a published scenario can answer publicly")


def get(store: Store, contribution_id: str) -> Contribution | None:
    with store.reading() as session:
        row = session.get(Row, _key(contribution_id)) if _key(contribution_id) else None
        return None if row is None else _contribution(row)


def public(store: Store, category: str | None = None, status: str | None = None) -> list[Contribution]:
    """The published contributions, newest first, optionally of one category and/or follow-up status."""
    query = select(Row).where(Row.moderation == "approved", Row.auto_hidden.is_(False))
    if category is not None:
        query = query.where(Row.category == category)
    if status is not None:
        query = query.where(Row.follow_up == status)
    return _listed(store, query.order_by(Row.created_at.desc(), Row.id))


def for_moderators(store: Store, moderation: str | None = None) -> list[Contribution]:
    """Every contribution, or those in one moderation state ("reported": hidden by visitors' reports),
    newest first."""
    query = select(Row)
    if moderation == "reported":
        query = query.where(Row.auto_hidden.is_(True))
    elif moderation is not None:
        query = query.where(Row.moderation == moderation)
    return _listed(store, query.order_by(Row.created_at.desc(), Row.id))


def queue(store: Store) -> list[Contribution]:
    """What awaits a moderator, oldest first: new contributions and those hidden by reports."""
    query = select(Row).where(or_(Row.moderation == "pending", Row.auto_hidden.is_(True)))
    return _listed(store, query.order_by(Row.created_at, Row.id))


def _listed(store: Store, query: Any) -> list[Contribution]:
    with store.reading() as session:
        return [_contribution(row) for row in session.scalars(query)]


def decisions(store: Store, contribution_id: str) -> list[Decision]:
    query = (
        select(ModerationDecision, User.name)
        .outerjoin(User, User.id == ModerationDecision.actor_id)
        .where(ModerationDecision.contribution_id == _key(contribution_id))
        .order_by(ModerationDecision.at, ModerationDecision.id)
    )
    with store.reading() as session:
        return [Decision(row.action, name, row.reason, row.at) for row, name in session.execute(query)]


def public_revision(store: Store) -> str:
    """A short digest that changes whenever anything public may have changed (a decision, a support, a
    withdrawal): what caches and the map's refresh key on."""
    with store.reading() as session:
        changed = session.scalar(select(func.max(Row.updated_at)))
        decided = session.scalar(select(func.count(ModerationDecision.id)))
        count = session.scalar(select(func.count(Row.id)))
    return _digest(f"{changed}|{decided}|{count}")[:16]


def _contribution(row: Row) -> Contribution:
    return Contribution(
        id=row.id, created_at=row.created_at, updated_at=row.updated_at, category=row.category,
        text=row.text, pseudonym=row.pseudonym, building_id=row.building_id, floor_id=row.floor_id,
        level=row.level, lon=row.lon, lat=row.lat, scenario_id=row.scenario_id,
        scenario_version=row.scenario_version, shown_at=row.shown_at, moderation=row.moderation,
        auto_hidden=row.auto_hidden, reports=row.reports, supports=row.supports, follow_up=row.follow_up,
        answer=row.answer, answer_scenario_id=row.answer_scenario_id,
        answer_scenario_version=row.answer_scenario_version, answered_at=row.answered_at,
    )  # fmt: skip
