"""Contributions on both backends: what is kept (and what is not), moderation and its log, follow-ups,
withdrawal, supports, reports, the rate limit and near-duplicates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, select, text

from store import contributions as c
from store.accounts import Account
from store.database import Store
from store.scenarios import create_scenario, publish
from store.workshops import WorkshopError, set_scenario, shown_scenario

NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
NEW = c.NewContribution(
    category="logement",
    text="Des logements pour étudiants dans le 62, avec des ateliers au rez-de-chaussée.",
    pseudonym="Camille du quartier",
    building_id="62",
    floor_id="62-1",
    level=1,
    lon=7.3245,
    lat=47.7545,
    shown_at=datetime(2026, 11, 23, 14, 0),
)


def _sent(store: Store, text: str = NEW.text, visitor: str = "visitor-1", **changes: object) -> c.Submitted:
    return c.submit(store, replace(NEW, text=text, **changes), visitor, NOW)  # type: ignore[arg-type]


def _approved(store: Store, moderator: Account, text: str = NEW.text) -> str:
    sent = _sent(store, text)
    c.moderate(store, sent.id, "approve", "", moderator, NOW)
    return sent.id


def test_a_contribution_waits_for_moderation_with_what_was_on_screen(store: Store) -> None:
    sent = _sent(store)
    found = c.get(store, sent.id)
    assert found is not None
    assert (found.moderation, found.public, found.follow_up) == ("pending", False, None)
    assert (found.building_id, found.floor_id, found.level, found.shown_at) == ("62", "62-1", 1, NEW.shown_at)
    assert found.text == NEW.text and found.pseudonym == NEW.pseudonym
    assert c.public(store) == []
    assert [item.id for item in c.queue(store)] == [sent.id]


def test_the_withdraw_code_is_not_stored_and_withdraws_with_or_without_its_dash(store: Store) -> None:
    sent = _sent(store)
    assert len(sent.withdraw_code) == 11 and sent.withdraw_code[5] == "-"
    with store.reading() as session:
        dumped = " ".join(str(v) for row in session.execute(text("SELECT * FROM contributions")) for v in row)
    assert sent.withdraw_code not in dumped and sent.withdraw_code.replace("-", "") not in dumped
    with pytest.raises(c.UnknownContribution):
        c.withdraw(store, sent.id, "AAAAA-AAAAA")
    c.withdraw(store, sent.id, sent.withdraw_code.replace("-", "").lower(), NOW + timedelta(hours=1))
    assert c.get(store, sent.id) is None
    assert [d.action for d in c.decisions(store, sent.id)] == ["submit", "withdraw"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * 1001}, "text"),
        ({"text": "a\x00b"}, "text"),
        ({"category": "sport"}, "category"),
        ({"pseudonym": "p" * 41}, "pseudonym"),
        ({"pseudonym": "two\nlines"}, "pseudonym"),
        ({"lon": float("nan")}, "lon"),
        ({"scenario_id": "nope", "scenario_version": 1}, "scenario_version"),
        ({"scenario_id": "nope"}, "scenario_version"),
    ],
)
def test_bad_values_are_refused_naming_the_field_and_nothing_is_stored(
    store: Store, change: dict[str, object], field: str
) -> None:
    with pytest.raises(c.ContributionError) as refused:
        c.submit(store, replace(NEW, **change), "visitor-1", NOW)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert c.for_moderators(store) == []


def test_the_text_is_kept_as_written_and_exactly_1000_characters_pass(store: Store) -> None:
    markup = "<script>alert(1)</script> <img src=x onerror=alert(1)> " + "é" * 945
    assert len(markup) == 1000
    found = c.get(store, _sent(store, markup).id)
    assert found is not None and found.text == markup


def test_approval_publishes_with_the_status_received_and_logs_who_and_why(
    store: Store, moderator: Account
) -> None:
    contribution_id = _approved(store, moderator)
    [published] = c.public(store)
    assert (published.id, published.follow_up) == (contribution_id, "recue")
    assert c.queue(store) == []
    log = c.decisions(store, contribution_id)
    assert [(d.action, d.actor) for d in log] == [("submit", None), ("approve", "mona")]


def test_reject_and_hide_need_a_reason_and_only_moderators_decide(
    store: Store, moderator: Account, planner: Account
) -> None:
    sent = _sent(store)
    with pytest.raises(c.ContributionError) as refused:
        c.moderate(store, sent.id, "reject", " ", moderator, NOW)
    assert refused.value.field == "reason"
    with pytest.raises(PermissionError):
        c.moderate(store, sent.id, "approve", "", planner, NOW)
    c.moderate(store, sent.id, "reject", "hors sujet", moderator, NOW)
    assert c.public(store) == [] and c.queue(store) == []
    assert c.decisions(store, sent.id)[-1] == c.Decision("reject", "mona", "hors sujet", NOW)


def test_a_published_contribution_can_be_hidden_and_restored(store: Store, moderator: Account) -> None:
    contribution_id = _approved(store, moderator)
    c.moderate(store, contribution_id, "hide", "propos injurieux", moderator, NOW)
    assert c.public(store) == []
    c.moderate(store, contribution_id, "restore", "", moderator, NOW)
    assert [item.id for item in c.public(store)] == [contribution_id]


def test_a_follow_up_links_a_published_scenario_version_only(
    store: Store, moderator: Account, planner: Account
) -> None:
    contribution_id = _approved(store, moderator)
    scenario_id, _ = create_scenario(store, {"name": "École", "changes": []}, planner)
    with pytest.raises(c.ContributionError) as draft:
        c.follow_up(store, contribution_id, "retenue", "Oui", (scenario_id, 1), planner, NOW)
    assert draft.value.field == "scenario_id"
    publish(store, scenario_id)
    with pytest.raises(c.ContributionError):
        c.follow_up(store, contribution_id, "retenue", "Oui", (scenario_id, 2), planner, NOW)
    answered = c.follow_up(store, contribution_id, "retenue", "Une école est prévue.", (scenario_id, 1),
                           planner, NOW)  # fmt: skip
    assert answered.public_json()["answer_scenario"] == {"id": scenario_id, "version": 1}
    assert (answered.follow_up, answered.answer) == ("retenue", "Une école est prévue.")
    with pytest.raises(PermissionError):
        c.follow_up(store, contribution_id, "realisee", "", None, replace(planner, role="visitor"), NOW)


def test_a_pending_contribution_gets_no_follow_up_nor_support(store: Store, moderator: Account) -> None:
    sent = _sent(store)
    with pytest.raises(c.ContributionError):
        c.follow_up(store, sent.id, "retenue", "", None, moderator, NOW)
    with pytest.raises(c.UnknownContribution):
        c.support(store, sent.id, "visitor-2", NOW)
    with pytest.raises(c.UnknownContribution):
        c.report(store, sent.id, "visitor-2", NOW)


def test_one_support_per_visitor(store: Store, moderator: Account) -> None:
    contribution_id = _approved(store, moderator)
    assert c.support(store, contribution_id, "visitor-2", NOW) == 1
    assert c.support(store, contribution_id, "visitor-2", NOW) == 1
    assert c.support(store, contribution_id, "visitor-3", NOW) == 2


def test_reports_of_several_visitors_hide_it_until_a_moderator_reviews_it(
    store: Store, moderator: Account
) -> None:
    contribution_id = _approved(store, moderator)
    for visitor in ("a", "a", "b"):
        assert c.report(store, contribution_id, visitor, NOW) is False
    assert c.report(store, contribution_id, "c", NOW) is True
    assert c.public(store) == []
    assert [item.id for item in c.queue(store)] == [contribution_id]
    assert [item.id for item in c.for_moderators(store, "reported")] == [contribution_id]
    c.moderate(store, contribution_id, "approve", "relu, conforme", moderator, NOW)
    assert [item.id for item in c.public(store)] == [contribution_id]
    assert c.report(store, contribution_id, "a", NOW) is False  # reviewed: the count starts again


def test_the_rate_limit_counts_per_visitor_within_the_window(store: Store) -> None:
    for n in range(c.RATE_LIMIT):
        c.submit(store, replace(NEW, text=f"Idée numéro {n} : " + "abcdefghij"[n] * 30), "busy", NOW)
    with pytest.raises(c.TooManyContributions) as refused:
        c.submit(store, replace(NEW, text="Encore une toute autre idée"), "busy", NOW)
    assert 0 < refused.value.retry_after_s <= c.RATE_WINDOW.total_seconds()
    c.submit(store, replace(NEW, text="Une idée d'une autre personne"), "calm", NOW)
    later = NOW + c.RATE_WINDOW + timedelta(seconds=1)
    c.submit(store, replace(NEW, text="Le lendemain, une nouvelle idée"), "busy", later)


def test_a_near_duplicate_is_refused_and_a_different_text_is_not(store: Store) -> None:
    _sent(store)
    with pytest.raises(c.Duplicate):
        _sent(store, NEW.text.upper().replace("é", "e") + " !!", visitor="visitor-2")
    _sent(store, "Plus d'arbres le long de la rue de Pfastatt.", visitor="visitor-2")


def test_the_public_revision_changes_with_what_the_public_sees(store: Store, moderator: Account) -> None:
    before = c.public_revision(store)
    sent = _sent(store)
    c.moderate(store, sent.id, "approve", "", moderator, NOW)
    approved = c.public_revision(store)
    assert approved != before
    c.support(store, sent.id, "visitor-9", NOW + timedelta(seconds=1))
    assert c.public_revision(store) != approved


def test_no_column_could_hold_an_address_or_a_browser(store: Store) -> None:
    names = {
        column["name"]
        for table in inspect(store.engine).get_table_names()
        if table.startswith(("contribution", "moderation"))
        for column in inspect(store.engine).get_columns(table)
    }
    assert not {name for name in names if any(w in name for w in ("ip", "agent", "email", "address"))}
    _sent(store, visitor="secret-visitor-id")
    with store.reading() as session:
        hashes = list(
            session.scalars(select(text("visitor_sha256")).select_from(text("contribution_attempts")))
        )
    assert hashes and all(len(h) == 64 and h != "secret-visitor-id" for h in hashes)


def test_a_workshop_shows_what_its_facilitator_chose(store: Store, planner: Account) -> None:
    assert shown_scenario(store, "atelier") is None
    set_scenario(store, "atelier", "abc@2", planner, NOW)
    set_scenario(store, "atelier", None, planner, NOW + timedelta(minutes=1))
    assert shown_scenario(store, "atelier") == (None, NOW + timedelta(minutes=1))
    with pytest.raises(WorkshopError):
        set_scenario(store, "Atelier 1", None, planner, NOW)
    with pytest.raises(PermissionError):
        set_scenario(store, "atelier", None, replace(planner, role="visitor"), NOW)
