"""Answers in one tap: the buildings with the most vacant floor area, and what share of the district's vacant
area each holds (the figures of the floors dataset, as the KPIs and the occupancy table count them)."""

from __future__ import annotations

from dataclasses import dataclass

from geodata.queries import Connection

TOP_VACANT = 10


@dataclass(frozen=True)
class RankedBuilding:
    building_id: str
    name: str | None
    vacant_m2: float
    share: float  # 0..1 of the district's vacant floor area


def vacant_ranking(con: Connection, limit: int = TOP_VACANT) -> list[RankedBuilding]:
    """The `limit` buildings with the most vacant m² (ties by building id), leaving out those with none."""
    rows = con.sql(
        """WITH vacant AS (
               SELECT building_id, sum(area_m2) AS vacant_m2 FROM floors
               WHERE status = 'vacant' GROUP BY building_id HAVING sum(area_m2) > 0)
           SELECT v.building_id, b.name, v.vacant_m2, v.vacant_m2 / sum(v.vacant_m2) OVER () AS share
           FROM vacant v LEFT JOIN buildings b USING (building_id)
           ORDER BY v.vacant_m2 DESC, v.building_id
           LIMIT $limit""",
        params={"limit": max(0, int(limit))},
    ).fetchall()
    return [RankedBuilding(str(i), n, float(m2), float(share)) for i, n, m2, share in rows]
