"""Citizens' contributions, their supports and reports, the moderation log, the rate limit's attempts and
the workshop sessions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"


def upgrade() -> None:
    _contributions()
    _around_contributions()
    op.create_table(
        "workshops",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("scenario", sa.String(80), nullable=True),
        sa.Column("set_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
    )


def _contributions() -> None:
    op.create_table(
        "contributions",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.Column("pseudonym", sa.String(40), nullable=True),
        sa.Column("building_id", sa.String(64), nullable=True),
        sa.Column("floor_id", sa.String(64), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("scenario_id", sa.String(32), nullable=True),
        sa.Column("scenario_version", sa.Integer(), nullable=True),
        sa.Column("shown_at", sa.DateTime(), nullable=True),
        sa.Column("withdraw_sha256", sa.String(64), nullable=False),
        sa.Column("moderation", sa.String(16), nullable=False),
        sa.Column("auto_hidden", sa.Boolean(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("supports", sa.Integer(), nullable=False),
        sa.Column("follow_up", sa.String(16), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answer_scenario_id", sa.String(32), nullable=True),
        sa.Column("answer_scenario_version", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_contributions_building_id", "contributions", ["building_id"])
    op.create_index("ix_contributions_moderation_created", "contributions", ["moderation", "created_at"])


def _around_contributions() -> None:
    op.create_table(
        "contribution_votes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "contribution_id",
            sa.String(16),
            sa.ForeignKey("contributions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("visitor_sha256", sa.String(64), nullable=False),
        sa.UniqueConstraint("contribution_id", "kind", "visitor_sha256", name="uq_contribution_votes"),
    )
    op.create_table(
        "contribution_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("visitor_sha256", sa.String(64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
    )
    op.create_index(
        "ix_contribution_attempts_visitor_at", "contribution_attempts", ["visitor_sha256", "attempted_at"]
    )
    op.create_table(
        "moderation_decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("contribution_id", sa.String(16), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_moderation_decisions_contribution_id", "moderation_decisions", ["contribution_id"])


def downgrade() -> None:
    for table in ("workshops", "moderation_decisions", "contribution_attempts", "contribution_votes"):
        op.drop_table(table)
    op.drop_table("contributions")
