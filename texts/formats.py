"""Numbers, dates and coded values as the UI shows them, in one place (the browser's tooltips follow the
same rules in assets/12-twin-bridge.js::formatValue, with the same format names)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from texts.i18n import TEXT, Lang, data_value, t

# French typography: narrow no-break space between thousands, no-break space before units and %.
_THOUSANDS = {"fr": "\u202f", "en": ","}
_DECIMAL = {"fr": ",", "en": "."}
_UNIT_SPACE = "\u00a0"
NO_VALUE = "—"


def format_number(value: float, lang: Lang, decimals: int = 0) -> str:
    """110000 -> '110 000' (fr) or '110,000' (en)."""
    text = f"{value:,.{decimals}f}"
    return (
        text.translate({ord(","): "\0", ord("."): "\1"})
        .replace("\0", _THOUSANDS[lang])
        .replace("\1", _DECIMAL[lang])
    )


def format_area(m2: float, lang: Lang) -> str:
    return f"{format_number(m2, lang)}{_UNIT_SPACE}m²"


def format_percent(share: float, lang: Lang) -> str:
    """0.25 -> '25 %' (fr) or '25%' (en)."""
    number = format_number(share * 100, lang)
    return f"{number}{_UNIT_SPACE}%" if lang == "fr" else f"{number}%"


def format_date(iso: str, lang: Lang) -> str:
    """'2026-11-23' -> '23/11/2026' (fr) or '23 Nov 2026' (en); text that is no date is shown as it is."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day:%d/%m/%Y}" if lang == "fr" else f"{day.day} {day:%b %Y}"


def level_label(level: int, lang: Lang) -> str:
    """'rez-de-chaussée', 'étage 2'..."""
    return t("tt_ground", lang) if level == 0 else f"{t('tt_floor', lang)} {level}"


def building_title(building_id: str, name: str | None, lang: Lang) -> str:
    """'Bâtiment 75 — Motoco'; just 'Bâtiment 62' when the name only repeats the number (or is missing)."""
    plain = t("panel_title_plain", "fr", building_id=building_id)
    if not name or " ".join(name.split()).casefold() == plain.casefold():
        return t("panel_title_plain", lang, building_id=building_id)
    return t("panel_title", lang, building_id=building_id, name=name)


def coded_value(value: str, lang: Lang) -> str:
    """A coded value (status, kind, use, habitat) in `lang`."""
    key = f"value_{value}"
    return t(key, lang) if key in TEXT else data_value(value, lang)


def format_value(value: Any, form: str, lang: Lang, row: Mapping[str, Any] | None = None) -> str:
    """`value` in the format a table column or tooltip row names: int, m2, percent, date, value, level,
    slot (start – end of `row`), building (id — name of `row`); anything else as text."""
    if value is None or value == "":
        return NO_VALUE
    row = row or {}
    formatters = {
        "int": lambda: format_number(value, lang),
        "m2": lambda: format_area(value, lang),
        "percent": lambda: format_percent(value, lang),
        "date": lambda: format_date(str(value), lang),
        "value": lambda: coded_value(str(value), lang),
        "level": lambda: level_label(int(value), lang),
        "slot": lambda: f"{_time(value)} – {_time(row.get('end'))}",
        "building": lambda: f"{value} — {row.get('building_name') or NO_VALUE}",
    }
    return formatters[form]() if form in formatters else str(value)


def _time(value: object) -> str:
    return f"{value:%H:%M}" if isinstance(value, datetime) else NO_VALUE
