"""Texts of the public contributions: their map layer and the page "Vous avez dit, nous avons fait"
(/contributions). Part of the one translation table, texts.i18n.TEXT."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

CONTRIBUTIONS_PUBLIC_TEXT: dict[str, dict[Lang, str]] = {
    # Coded values: categories and follow-up statuses (store/contributions.py)
    "value_logement": {"fr": "Logement", "en": "Housing"},
    "value_nature": {"fr": "Nature", "en": "Nature"},
    "value_mobilite": {"fr": "Mobilité", "en": "Mobility"},
    "value_culture": {"fr": "Culture", "en": "Culture"},
    "value_economie": {"fr": "Économie", "en": "Economy"},
    "value_autre": {"fr": "Autre", "en": "Other"},
    "value_recue": {"fr": "Reçue", "en": "Received"},
    "value_a_l_etude": {"fr": "À l'étude", "en": "Under study"},
    "value_retenue": {"fr": "Retenue", "en": "Adopted"},
    "value_non_retenue": {"fr": "Non retenue", "en": "Not adopted"},
    "value_realisee": {"fr": "Réalisée", "en": "Done"},
    # The map layer
    "layer_contributions": {"fr": "Contributions des habitants", "en": "Residents' contributions"},
    "legend_source_store": {
        "fr": "Source : contributions publiées après modération",
        "en": "Source: contributions published after moderation",
    },
    "tt_category": {"fr": "Thème", "en": "Topic"},
    "tt_pseudonym": {"fr": "Pseudonyme", "en": "Pseudonym"},
    "tt_follow_up": {"fr": "Suite donnée", "en": "Follow-up"},
    "tt_answer": {"fr": "Réponse", "en": "Answer"},
    "tt_date": {"fr": "Date", "en": "Date"},
    "col_contribution": {"fr": "Contribution", "en": "Contribution"},
    "link_contributions": {"fr": "Vous avez dit, nous avons fait", "en": "You said, we did"},
    # The page /contributions
    "said_title": {"fr": "Vous avez dit, nous avons fait", "en": "You said, we did"},
    "said_intro": {
        "fr": "Les contributions des habitants sur l'avenir du quartier DMC, publiées après modération, "
        "et la suite que la Ville leur donne.",
        "en": "Residents' contributions on the future of the DMC district, published after moderation, "
        "and what the city does with them.",
    },
    "said_back": {"fr": "Retour à la carte", "en": "Back to the map"},
    "said_other_lang": {"fr": "English", "en": "Français"},
    "said_by_status": {"fr": "Où en sont-elles ?", "en": "Where do they stand?"},
    "said_by_category": {"fr": "Par thème", "en": "By topic"},
    "said_all": {"fr": "Toutes", "en": "All"},
    "said_count": {"fr": "{count} contribution(s)", "en": "{count} contribution(s)"},
    "said_shown": {"fr": "{shown} sur {total} affichée(s)", "en": "{shown} of {total} shown"},
    "said_list": {"fr": "Les contributions", "en": "The contributions"},
    "said_none": {
        "fr": "Aucune contribution publiée pour ce choix.",
        "en": "No published contribution for this choice.",
    },
    "said_anonymous": {"fr": "anonyme", "en": "anonymous"},
    "said_by": {"fr": "par {name}, le {date}", "en": "by {name}, on {date}"},
    "said_where_building": {"fr": "Bâtiment {building}", "en": "Building {building}"},
    "said_where_named": {"fr": "{name} (bât. {building})", "en": "{name} (bldg {building})"},
    "said_where_ground": {"fr": "Dans le quartier (au sol)", "en": "In the district (on the ground)"},
    "said_status": {"fr": "Suite donnée :", "en": "Follow-up:"},
    "said_answer": {"fr": "Réponse de la Ville", "en": "The city's answer"},
    "said_no_answer": {"fr": "Pas encore de réponse.", "en": "No answer yet."},
    "said_answer_version": {
        "fr": "Voir la version {version} du scénario « {name} »",
        "en": "See version {version} of the scenario “{name}”",
    },
    "said_changed": {
        "fr": "Ce bâtiment a changé dans la version {version} du scénario « {name} ».",
        "en": "This building changed in version {version} of the scenario “{name}”.",
    },
    "said_changed_link": {"fr": "Voir ce changement", "en": "See this change"},
    "said_filter_category": {"fr": "Thème", "en": "Topic"},
    "said_filter_status": {"fr": "Suite donnée", "en": "Follow-up"},
    "said_filter": {"fr": "Filtrer", "en": "Filter"},
    "said_bad_category": {
        "fr": "Thème « {value} » inconnu : tous les thèmes sont affichés.",
        "en": "Unknown topic “{value}”: every topic is shown.",
    },
    "said_bad_status": {
        "fr": "Suite « {value} » inconnue : toutes les contributions sont affichées.",
        "en": "Unknown follow-up “{value}”: every contribution is shown.",
    },
    "said_bad_lang": {
        "fr": "Langue « {value} » inconnue : affichage en français.",
        "en": "Unknown language “{value}”: showing French.",
    },
    "said_exports": {
        "fr": "Télécharger les contributions publiées et leurs réponses :",
        "en": "Download the published contributions and their answers:",
    },
    "said_footer": {
        "fr": "Aucune donnée personnelle n'est conservée : ni adresse IP, ni courriel, ni nom. "
        "Chaque auteur peut retirer sa contribution avec le code reçu à l'envoi.",
        "en": "No personal data is kept: no IP address, e-mail or name. "
        "Each author can withdraw their contribution with the code given when it was sent.",
    },
}
