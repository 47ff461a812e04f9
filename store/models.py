"""The tables of what users write. Changes to them go through a new migration in store/migrations/versions.

Scenario versions are immutable: the ORM refuses to update or delete one (see _refuse_version_change)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAME_LENGTH = 64


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out on every backend (SQLite would hand back naive ones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the store only takes timezone-aware datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


# JSONB on PostgreSQL (compact, checked on the way in), JSON text on SQLite.
Document = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Raised by a sign-out: every session cookie carries the epoch it was issued in (api/auth.py).
    session_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)  # never the token itself
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SignInAttempt(Base):
    """A failed sign-in, by the name tried (which may not exist); never an IP address."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (Index("ix_sign_in_attempts_name_at", "name", "attempted_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    attempted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Scenario(Base):
    __tablename__ = "scenarios"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The latest version number, updated in the transaction that adds it; the row lock taken on it
    # (PostgreSQL) and the unique (scenario_id, number) below make racing saves refuse, not overwrite.
    latest_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ScenarioVersion(Base):
    __tablename__ = "scenario_versions"
    __table_args__ = (UniqueConstraint("scenario_id", "number", name="uq_scenario_versions_number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(ForeignKey("scenarios.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(Document)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    message: Mapped[str] = mapped_column(Text)


class ScenarioDraft(Base):
    """A planner's unsaved edits of one scenario (one working copy per scenario and account)."""

    __tablename__ = "scenario_drafts"
    __table_args__ = (UniqueConstraint("scenario_id", "user_id", name="uq_scenario_drafts_owner"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(ForeignKey("scenarios.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    base_version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(Document)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


@event.listens_for(ScenarioVersion, "before_update")
@event.listens_for(ScenarioVersion, "before_delete")
def _refuse_version_change(mapper: object, connection: object, target: ScenarioVersion) -> None:
    raise ValueError(f"scenario versions are immutable (version {target.number} of {target.scenario_id})")


class Contribution(Base):
    """A citizen's contribution pinned on the twin. No account, no IP address, no user agent: the author is
    known only by the SHA-256 of the withdraw code they were given."""

    __tablename__ = "contributions"
    __table_args__ = (Index("ix_contributions_moderation_created", "moderation", "created_at"),)
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    category: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(Text)  # the text normalised, for near-duplicate detection
    pseudonym: Mapped[str | None] = mapped_column(String(40))
    building_id: Mapped[str | None] = mapped_column(String(64), index=True)
    floor_id: Mapped[str | None] = mapped_column(String(64))
    level: Mapped[int | None] = mapped_column(Integer)
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    scenario_id: Mapped[str | None] = mapped_column(String(32))  # what was on screen; None: the baseline
    scenario_version: Mapped[int | None] = mapped_column(Integer)
    shown_at: Mapped[datetime | None] = mapped_column(DateTime())  # the time on screen, naive local time
    withdraw_sha256: Mapped[str] = mapped_column(String(64))
    moderation: Mapped[str] = mapped_column(String(16))
    auto_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    reports: Mapped[int] = mapped_column(Integer, default=0)
    supports: Mapped[int] = mapped_column(Integer, default=0)
    follow_up: Mapped[str | None] = mapped_column(String(16))
    answer: Mapped[str | None] = mapped_column(Text)
    answer_scenario_id: Mapped[str | None] = mapped_column(String(32))
    answer_scenario_version: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ContributionVote(Base):
    """One support or report of a contribution by one anonymous visitor (the SHA-256 of a random id)."""

    __tablename__ = "contribution_votes"
    __table_args__ = (
        UniqueConstraint("contribution_id", "kind", "visitor_sha256", name="uq_contribution_votes"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contribution_id: Mapped[str] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # "support" | "report"
    visitor_sha256: Mapped[str] = mapped_column(String(64))


class ContributionAttempt(Base):
    """A contribution sent by an anonymous visitor, kept only for the length of the rate limit's window."""

    __tablename__ = "contribution_attempts"
    __table_args__ = (Index("ix_contribution_attempts_visitor_at", "visitor_sha256", "attempted_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visitor_sha256: Mapped[str] = mapped_column(String(64))
    attempted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ModerationDecision(Base):
    """The log of what happened to a contribution: who (a user, or None for the author or the automatic
    hiding), what, when and why. Kept after a withdrawal, without the text."""

    __tablename__ = "moderation_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contribution_id: Mapped[str] = mapped_column(String(16), index=True)
    action: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class Workshop(Base):
    """A workshop session: the scenario its screens show, set by a facilitator."""

    __tablename__ = "workshops"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    scenario: Mapped[str | None] = mapped_column(String(80))  # "<id>@<n>"; None: the baseline
    set_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    set_at: Mapped[datetime] = mapped_column(UtcDateTime())
