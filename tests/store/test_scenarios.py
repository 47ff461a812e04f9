"""Scenarios on both backends: versions, the version check, restore, publish, listing by viewer, drafts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from store.accounts import Account
from store.database import Store
from store.models import ScenarioVersion as VersionRow
from store.scenarios import (
    InvalidDocument,
    StaleVersion,
    UnknownScenario,
    create_scenario,
    drop_draft,
    get_draft,
    get_scenario,
    get_version,
    history,
    list_scenarios,
    publish,
    put_draft,
    restore_version,
    save_version,
)


def _document(name: str, *uses: str) -> dict[str, object]:
    changes = [{"kind": "floor", "floor_id": f"b62-{level}", "use": use} for level, use in enumerate(uses)]
    return {"name": name, "description": "test", "changes": changes}


SCHOOL = _document("École", "school", "school")
HOUSING = _document("Logements", "housing", "housing", "housing")


def test_create_makes_a_draft_with_version_1(store: Store, planner: Account) -> None:
    before = datetime.now(UTC)
    scenario_id, number = create_scenario(store, SCHOOL, planner, "first")
    assert number == 1
    summary = get_scenario(store, scenario_id)
    assert summary is not None
    assert (summary.id, summary.name, summary.status, summary.version, summary.owner) == (
        scenario_id, "École", "draft", 1, "paula")  # fmt: skip
    assert before - timedelta(seconds=1) <= summary.updated_at <= datetime.now(UTC) + timedelta(seconds=1)
    version = get_version(store, scenario_id)
    assert version is not None
    assert (version.number, version.document, version.author, version.message) == (
        1,
        SCHOOL,
        "paula",
        "first",
    )


def test_ids_are_short_random_and_url_safe(store: Store, planner: Account) -> None:
    ids = [create_scenario(store, SCHOOL, planner)[0] for _ in range(5)]
    assert len(set(ids)) == 5
    for scenario_id in ids:
        assert 10 <= len(scenario_id) <= 16
        assert set(scenario_id) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_save_adds_a_version_and_keeps_the_old_one(store: Store, planner: Account, admin: Account) -> None:
    scenario_id, _ = create_scenario(store, SCHOOL, planner)
    assert save_version(store, scenario_id, HOUSING, admin, 1, "more housing") == 2
    assert get_version(store, scenario_id, 1).document == SCHOOL  # type: ignore[union-attr]
    latest = get_version(store, scenario_id)
    assert latest is not None
    assert (latest.number, latest.document, latest.author, latest.message) == (
        2,
        HOUSING,
        "ada",
        "more housing",
    )
    summary = get_scenario(store, scenario_id)
    assert summary is not None and (summary.version, summary.name, summary.owner) == (2, "Logements", "paula")


def test_a_stale_save_is_refused_and_names_who_saved(
    store: Store, planner: Account, other_planner: Account
) -> None:
    scenario_id, _ = create_scenario(store, SCHOOL, planner)
    save_version(store, scenario_id, HOUSING, other_planner, 1, "by pierre")
    with pytest.raises(StaleVersion) as refused:
        save_version(store, scenario_id, SCHOOL, planner, 1, "late")
    assert refused.value.current == 2
    assert str(refused.value).startswith("this scenario was saved as version 2 by pierre meanwhile")
    assert [v.number for v in history(store, scenario_id)] == [1, 2]
    assert get_version(store, scenario_id).document == HOUSING  # type: ignore[union-attr]


def test_restore_makes_a_new_version_with_the_old_document(store: Store, planner: Account) -> None:
    scenario_id, _ = create_scenario(store, SCHOOL, planner)
    save_version(store, scenario_id, HOUSING, planner, 1, "housing")
    assert restore_version(store, scenario_id, 1, planner, 2) == 3
    versions = history(store, scenario_id)
    assert [(v.number, v.document, v.message) for v in versions] == [
        (1, SCHOOL, ""), (2, HOUSING, "housing"), (3, SCHOOL, "restored version 1")]  # fmt: skip
    with pytest.raises(StaleVersion):
        restore_version(store, scenario_id, 2, planner, 2)
    with pytest.raises(UnknownScenario):
        restore_version(store, scenario_id, 7, planner, 3)


def test_unknown_ids(store: Store, planner: Account) -> None:
    for call in (
        lambda: save_version(store, "nope", SCHOOL, planner, 1, ""),
        lambda: restore_version(store, "nope", 1, planner, 1),
        lambda: publish(store, "nope"),
        lambda: put_draft(store, "nope", planner, SCHOOL, 1),
    ):
        with pytest.raises(UnknownScenario):
            call()
    assert get_scenario(store, "nope") is None
    assert get_version(store, "nope") is None
    assert history(store, "nope") == []
    assert get_draft(store, "nope", planner) is None
    drop_draft(store, "nope", planner)  # nothing to drop: no error


def test_get_version_of_a_missing_number(store: Store, planner: Account) -> None:
    scenario_id, _ = create_scenario(store, SCHOOL, planner)
    assert get_version(store, scenario_id, 2) is None
    assert get_version(store, scenario_id, 0) is None


def test_publish(store: Store, planner: Account) -> None:
    scenario_id, _ = create_scenario(store, SCHOOL, planner)
    publish(store, scenario_id)
    summary = get_scenario(store, scenario_id)
    assert summary is not None and summary.status == "published"
    publish(store, scenario_id)  # publishing again changes nothing
    assert get_scenario(store, scenario_id) == summary


def test_list_shows_published_and_the_viewers_own_drafts(
    store: Store, planner: Account, other_planner: Account, admin: Account, moderator: Account
) -> None:
    mine, _ = create_scenario(store, SCHOOL, planner)
    theirs, _ = create_scenario(store, HOUSING, other_planner)
    public, _ = create_scenario(store, _document("Public", "retail"), other_planner)
    publish(store, public)

    def ids(viewer: Account | None) -> set[str]:
        return {summary.id for summary in list_scenarios(store, viewer)}

    assert ids(None) == {public}
    assert ids(planner) == {public, mine}
    assert ids(other_planner) == {public, theirs}
    assert ids(moderator) == {public}
    assert ids(admin) == {public, mine, theirs}


def test_list_is_newest_first(store: Store, planner: Account) -> None:
    first, _ = create_scenario(store, SCHOOL, planner)
    second, _ = create_scenario(store, HOUSING, planner)
    save_version(store, first, HOUSING, planner, 1, "")
    assert [summary.id for summary in list_scenarios(store, planner)] == [first, second]


def test_a_draft_keeps_unsaved_edits_per_account(store: Store, planner: Account, admin: Account) -> None:
    scenario_id, _ = create_scenario(store, SCHOOL, planner)
    assert get_draft(store, scenario_id, planner) is None
    assert put_draft(store, scenario_id, planner, HOUSING, 1) == 1
    assert put_draft(store, scenario_id, planner, SCHOOL, 1) == 2
    assert put_draft(store, scenario_id, admin, HOUSING, 1) == 1
    assert get_draft(store, scenario_id, planner) == (2, 1, SCHOOL)
    assert get_draft(store, scenario_id, admin) == (1, 1, HOUSING)
    drop_draft(store, scenario_id, planner)
    assert get_draft(store, scenario_id, planner) is None
    assert get_draft(store, scenario_id, admin) == (1, 1, HOUSING)
    assert put_draft(store, scenario_id, planner, HOUSING, 1) == 1


def test_versions_cannot_be_changed_or_deleted(store: Store, planner: Account) -> None:
    scenario_id, _ = create_scenario(store, SCHOOL, planner)
    with pytest.raises(ValueError, match="immutable"), store.transaction() as session:
        row = session.scalars(select(VersionRow)).one()
        row.message = "rewritten"
        session.flush()
    with pytest.raises(ValueError, match="immutable"), store.transaction() as session:
        session.delete(session.scalars(select(VersionRow)).one())
        session.flush()
    assert get_version(store, scenario_id).message == ""  # type: ignore[union-attr]


def test_the_version_number_is_unique_per_scenario(store: Store, planner: Account) -> None:
    """The database itself refuses a second version 1 (what makes a racing save fail, not overwrite)."""
    scenario_id, _ = create_scenario(store, SCHOOL, planner)
    with pytest.raises(IntegrityError), store.transaction() as session:
        session.add(VersionRow(scenario_id=scenario_id, number=1, document=HOUSING, author_id=planner.id,
                               created_at=datetime.now(UTC), message="duplicate"))  # fmt: skip
    with store.reading() as session:
        assert session.scalar(select(func.count()).select_from(VersionRow)) == 1


def test_a_document_round_trips_unchanged(store: Store, planner: Account) -> None:
    document = {
        "name": "Tout « spécial » ☃",
        "ratios": {"m2_per_dwelling": 65.5},
        "changes": [{"kind": "new_building", "id": "n1", "name": "Halle", "height_m": 12.5,
                     "geometry": {"type": "Polygon", "coordinates": [[[7.3, 47.7], [7.31, 47.7], [7.3, 47.71],
                                                                      [7.3, 47.7]]]},
                     "floors": [{"use": "school"}, {"use": "housing", "status": "occupied"}]}],
    }  # fmt: skip
    scenario_id, _ = create_scenario(store, document, planner)
    assert get_version(store, scenario_id).document == document  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ({"name": "nul \x00 inside", "changes": []}, "NUL character"),
        ({"name": "ok", "changes": [{"kind": "floor", "floor_id": "a\x00"}]}, "NUL character"),
        ({"name": "ok", "ratios": {"m2_per_dwelling": float("nan")}, "changes": []}, "not plain JSON"),
        ({"name": "ok", "ratios": {"m2_per_dwelling": float("inf")}, "changes": []}, "not plain JSON"),
        ({"name": "ok", "changes": {1, 2}}, "not plain JSON"),
    ],
)
def test_documents_neither_backend_can_keep_are_refused_alike(
    store: Store, planner: Account, document: dict[str, object], reason: str
) -> None:
    with pytest.raises(InvalidDocument, match=reason):
        create_scenario(store, document, planner)
    assert list_scenarios(store, planner) == []
    scenario_id, _ = create_scenario(store, SCHOOL, planner)
    with pytest.raises(InvalidDocument, match=reason):
        save_version(store, scenario_id, document, planner, 1, "")
    with pytest.raises(InvalidDocument, match=reason):
        put_draft(store, scenario_id, planner, document, 1)
    assert [v.document for v in history(store, scenario_id)] == [SCHOOL]
    assert get_draft(store, scenario_id, planner) is None


@pytest.mark.parametrize("scenario_id", ["a\x00b", "x" * 10_000, "../etc", "' OR 1=1 --", ""])
def test_ids_no_scenario_can_have_are_unknown_on_both_backends(
    store: Store, planner: Account, scenario_id: str
) -> None:
    create_scenario(store, SCHOOL, planner)
    assert get_scenario(store, scenario_id) is None
    assert get_version(store, scenario_id) is None
    assert get_version(store, scenario_id, 1) is None
    assert history(store, scenario_id) == []
    assert get_draft(store, scenario_id, planner) is None
    drop_draft(store, scenario_id, planner)
    for call in (
        lambda: save_version(store, scenario_id, SCHOOL, planner, 1, ""),
        lambda: restore_version(store, scenario_id, 1, planner, 1),
        lambda: publish(store, scenario_id),
        lambda: put_draft(store, scenario_id, planner, SCHOOL, 1),
    ):
        with pytest.raises(UnknownScenario, match="no scenario") as refused:
            call()
        assert "\n" not in str(refused.value)


def test_a_draft_is_based_on_an_existing_version(store: Store, planner: Account) -> None:
    scenario_id, _ = create_scenario(store, SCHOOL, planner)
    for base in (0, 2, -1, 2**40):
        with pytest.raises(UnknownScenario, match="version"):
            put_draft(store, scenario_id, planner, HOUSING, base)
    assert get_draft(store, scenario_id, planner) is None


def test_an_author_missing_from_the_database_is_not_taken_for_a_conflict(
    store: Store, planner: Account
) -> None:
    scenario_id, _ = create_scenario(store, SCHOOL, planner)
    ghost = Account(10_000, "ghost", "planner")
    with pytest.raises(IntegrityError):
        save_version(store, scenario_id, HOUSING, ghost, 1, "")
    with pytest.raises(IntegrityError):
        restore_version(store, scenario_id, 1, ghost, 1)
    assert [v.number for v in history(store, scenario_id)] == [1]
