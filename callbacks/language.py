"""Every visible text follows the language switch: titles, toggles, legends, tooltips, sources, messages."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, html

from callbacks import inputs
from components import ids
from components.panels import legend_block, sources_table
from components.titles import district_subtitle, district_title
from geodata.catalog import Catalog
from geodata.queries import legend_facts
from layers.registry import TOGGLEABLE, legends, tooltip_templates
from texts.formats import format_date
from texts.i18n import Lang, locale_tag, t

STATIC_TEXTS = (
    (ids.SAMPLE_NOTICE, "sample_notice"),
    (ids.LAYERS_TITLE, "layers_title"),
    (ids.TIME_TITLE, "time_title"),
    (ids.TIME_HINT, "time_hint"),
    (ids.HOUR_LABEL, "hour_label"),
    (ids.PANEL_HINT, "panel_hint"),
    (ids.PANEL_CLOSE, "panel_close"),
    (ids.DATA_TABLES_TITLE, "tables_title"),
    (ids.CONTRIBUTIONS_LINK, "link_contributions"),
)


def chosen_lang(value: object) -> Lang:
    return inputs.lang(value)


def source_entries(catalog: Catalog) -> list[dict[str, Any]]:
    return [
        {"dataset": name, "title": p.title, "source": p.source, "date": p.date, "licence": p.licence,
         "sample": p.sample, "note": p.note, "rows": catalog.row_counts.get(name, 0)}
        for name, p in sorted(catalog.provenance.items())
    ]  # fmt: skip


def source_line(catalog: Catalog, datasets: tuple[str, ...], lang: Lang) -> str:
    """'Source : exemple, 23/11/2026' — how sure and how fresh a layer's figures are. A layer of what users
    write (no dataset) says where that comes from instead."""
    if not datasets:
        return t("legend_source_store", lang)
    if not any(catalog.row_counts.get(name, 0) for name in datasets):
        return t("legend_layer_empty", lang)
    entries = [catalog.provenance[name] for name in datasets]
    kind = t("label_sample" if any(e.sample for e in entries) else "label_real", lang)
    latest = max(e.date[:10] for e in entries)  # ISO dates sort as text
    return t("legend_source", lang, kind=kind, date=format_date(latest, lang))


def sources_panel(catalog: Catalog, lang: Lang) -> list[Any]:
    return [html.Summary(t("sources_title", lang)), sources_table(source_entries(catalog), lang)]


def toggle_options(lang: Lang) -> list[dict[str, str]]:
    return [{"label": t(layer.label_key, lang), "value": str(layer.key)} for layer in TOGGLEABLE]


def message_items(problems: object, lang: Lang) -> list[html.Div]:
    return [
        html.Div(t(key, lang, **params), className="message") for key, params in inputs.problems(problems)
    ]


def register(app: Dash, catalog: Catalog) -> None:
    facts = legend_facts(catalog.cursor())  # of this data, which does not change while the app runs

    @app.callback(
        Output(ids.TITLE, "children"),
        Output(ids.SUBTITLE, "children"),
        *(Output(component, "children") for component, _ in STATIC_TEXTS),
        Output(ids.LAYER_TOGGLES, "options"),
        Output(ids.LEGENDS, "children"),
        Output(ids.SOURCES, "children"),
        Output(ids.TOOLTIPS, "data"),
        Output(ids.DECK_CONTAINER, "aria-label"),
        Input(ids.LANG, "value"),
    )
    def translate(value: object) -> tuple[Any, ...]:
        lang = chosen_lang(value)
        texts = tuple(t(key, lang) for _, key in STATIC_TEXTS)
        tooltips = {"lang": lang, "locale": locale_tag(lang), "templates": tooltip_templates(lang)}
        legend_blocks = [
            legend_block(legend, source_line(catalog, names, lang)) for legend, names in legends(lang, facts)
        ]
        con = catalog.cursor()
        titles = (district_title(con, lang), district_subtitle(con, lang))
        return (*titles, *texts, toggle_options(lang), legend_blocks, sources_panel(catalog, lang), tooltips,
                t("map_label", lang))  # fmt: skip

    # <html lang> follows the switch, for screen readers and the browser's own widgets.
    app.clientside_callback(
        "(lang) => (document.documentElement.lang = lang === 'en' ? 'en' : 'fr')",
        Output(ids.PAGE_LANG_STATUS, "data"),
        Input(ids.LANG, "value"),
    )

    # The hour slider's handle and its number box are named by the translated "Heure" label (dcc.Slider takes
    # no aria props): set on them now and whenever the slider redraws them.
    app.clientside_callback(
        f"""(lang) => {{
          const box = document.getElementById("{ids.HOUR}");
          const name = () => box.querySelectorAll("[role=slider], input").forEach((control) => {{
            if (control.getAttribute("aria-labelledby") !== "{ids.HOUR_LABEL}")
              control.setAttribute("aria-labelledby", "{ids.HOUR_LABEL}");
          }});
          if (!box) return lang;
          if (!box.dataset.named) {{
            box.dataset.named = "1";
            new MutationObserver(name).observe(box, {{ childList: true, subtree: true }});
          }}
          name();
          return lang;
        }}""",
        Output(ids.HOUR_NAME_STATUS, "data"),
        Input(ids.LANG, "value"),
    )

    @app.callback(
        Output(ids.MESSAGES, "children"), Input(ids.MESSAGE_STORE, "data"), Input(ids.LANG, "value")
    )
    def show_messages(problems: object, value: object) -> list[html.Div]:
        return message_items(problems, chosen_lang(value))
