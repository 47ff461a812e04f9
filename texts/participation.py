"""The participation screens' texts (giving one's opinion, withdrawing it, supporting or reporting one, and
moderating them): part of the one translation table, texts.i18n.TEXT."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

PARTICIPATION_TEXT: dict[str, dict[Lang, str]] = {
    # Category and follow-up labels: value_<code> in texts/contributions_public.py
    "moderation_export_all": {
        "fr": "Exporter toutes les contributions (avec modération, suites et réponses) :",
        "en": "Export every contribution (with moderation, follow-ups and answers):",
    },
    "moderation_export_public": {
        "fr": "Exporter les contributions publiées :",
        "en": "Export the published contributions:",
    },
    "moderation_pending": {"fr": "À modérer", "en": "Awaiting moderation"},
    "moderation_approved": {"fr": "Publiée", "en": "Published"},
    "moderation_rejected": {"fr": "Refusée", "en": "Rejected"},
    "moderation_hidden": {"fr": "Masquée", "en": "Hidden"},
    "moderation_reported": {"fr": "Masquée après signalements", "en": "Hidden after reports"},
    # Opening the form
    "contribute_building": {
        "fr": "Donner votre avis sur ce bâtiment",
        "en": "Give your opinion on this building",
    },
    "contribute_here": {"fr": "Donner votre avis à cet endroit", "en": "Give your opinion on this spot"},
    "contribute_offer": {
        "fr": "Vous avez touché le sol. Voulez-vous épingler un avis à cet endroit ?",
        "en": "You touched the ground. Would you like to pin an opinion on this spot?",
    },
    "participation_title": {"fr": "Votre avis", "en": "Your opinion"},
    "participation_hint": {
        "fr": "Touchez un bâtiment ou un point du sol sur la carte pour donner votre avis. "
        "Pas de compte, pas d'e-mail.",
        "en": "Touch a building or a spot on the ground on the map to give your opinion. "
        "No account, no e-mail.",
    },
    "contrib_close": {"fr": "Fermer", "en": "Close"},
    "contrib_back": {"fr": "← Retour au bâtiment", "en": "← Back to the building"},
    # The form
    "form_title": {"fr": "Donner votre avis", "en": "Give your opinion"},
    "form_about_building": {
        "fr": "Sur : bât. {building_id} — {name}",
        "en": "About: bldg. {building_id} — {name}",
    },
    "form_about_point": {
        "fr": "Sur : un point au sol du quartier",
        "en": "About: a spot on the district's ground",
    },
    "form_where": {"fr": "Où exactement ?", "en": "Where exactly?"},
    "form_whole_building": {"fr": "Tout le bâtiment", "en": "The whole building"},
    "form_floor": {"fr": "{level} · {use}", "en": "{level} · {use}"},
    "form_shown": {"fr": "Vous regardez : {what}, {when}.", "en": "You are looking at: {what}, {when}."},
    "form_shown_baseline": {"fr": "la situation actuelle", "en": "the current situation"},
    "form_shown_scenario": {
        "fr": "le scénario « {name} », version {version}",
        "en": "the scenario “{name}”, version {version}",
    },
    "form_shown_unpublished": {
        "fr": "un scénario non publié (version {version})",
        "en": "an unpublished scenario (version {version})",
    },
    "form_category": {"fr": "1. Votre avis porte sur…", "en": "1. Your opinion is about…"},
    "form_text": {"fr": "2. Votre avis", "en": "2. Your opinion"},
    "form_text_placeholder": {
        "fr": "Ce que vous aimeriez voir ici, ce qui vous gêne, une idée…",
        "en": "What you would like to see here, what bothers you, an idea…",
    },
    "form_count": {"fr": "{count} / {limit} caractères", "en": "{count} / {limit} characters"},
    "form_pseudonym": {"fr": "3. Pseudonyme (facultatif)", "en": "3. Pseudonym (optional)"},
    "form_pseudonym_note": {
        "fr": "Il sera affiché publiquement avec votre avis : n'indiquez pas vos nom et prénom.",
        "en": "It will be shown publicly with your opinion: do not give your first and last name.",
    },
    "form_consent": {
        "fr": "J'accepte que mon avis soit publié après relecture par la modération. "
        "Aucune donnée personnelle n'est conservée (ni nom, ni e-mail, ni adresse IP).",
        "en": "I agree that my opinion is published once a moderator has read it. "
        "No personal data is kept (no name, no e-mail, no IP address).",
    },
    "form_send": {"fr": "Envoyer mon avis", "en": "Send my opinion"},
    # Refusals (one line each; the form keeps what was typed)
    "refuse_consent": {
        "fr": "Cochez la case d'accord pour envoyer votre avis.",
        "en": "Tick the agreement box to send your opinion.",
    },
    "refuse_text_empty": {
        "fr": "Écrivez votre avis avant de l'envoyer.",
        "en": "Write your opinion before sending it.",
    },
    "refuse_text_invalid": {
        "fr": "Votre avis contient des caractères invisibles qui ne sont pas acceptés : retapez-le.",
        "en": "Your opinion holds invisible characters that are not accepted: please type it again.",
    },
    "refuse_text_long": {
        "fr": "Votre avis dépasse {limit} caractères : raccourcissez-le.",
        "en": "Your opinion is over {limit} characters: please shorten it.",
    },
    "refuse_category": {
        "fr": "Choisissez d'abord un thème (étape 1).",
        "en": "First choose a topic (step 1).",
    },
    "refuse_pseudonym": {
        "fr": "Le pseudonyme ne doit pas dépasser {limit} caractères.",
        "en": "The pseudonym must not exceed {limit} characters.",
    },
    "refuse_place": {
        "fr": "Cet endroit n'est pas dans le quartier DMC : touchez un point du quartier.",
        "en": "This spot is not in the DMC district: touch a spot inside the district.",
    },
    "refuse_place_unknown": {
        "fr": "Ce bâtiment ou cet étage n'existe pas : touchez-le à nouveau sur la carte.",
        "en": "This building or floor does not exist: touch it again on the map.",
    },
    "refuse_no_place": {
        "fr": "Touchez d'abord un bâtiment ou un point du sol sur la carte.",
        "en": "First touch a building or a spot on the ground on the map.",
    },
    "refuse_draft": {
        "fr": "Vous regardez un brouillon non enregistré : enregistrez une version, ou affichez un scénario "
        "publié ou la situation actuelle, pour donner un avis.",
        "en": "You are looking at an unsaved draft: save a version, or show a published scenario or the "
        "current situation, to give an opinion.",
    },
    "refuse_duplicate": {
        "fr": "Un avis presque identique vient d'être envoyé : inutile de le renvoyer.",
        "en": "An almost identical opinion was just sent: no need to send it again.",
    },
    "refuse_too_many": {
        "fr": "Vous avez envoyé beaucoup d'avis en peu de temps : réessayez dans {minutes} min.",
        "en": "You have sent many opinions in a short time: try again in {minutes} min.",
    },
    "refuse_invalid": {
        "fr": "Cet avis ne peut pas être envoyé : {field}.",
        "en": "This opinion cannot be sent: {field}.",
    },
    # Success
    "thanks_title": {
        "fr": "Merci ! Votre avis est bien reçu.",
        "en": "Thank you! Your opinion has been received.",
    },
    "thanks_moderation": {
        "fr": "Il sera visible sur la carte après relecture par la modération.",
        "en": "It will show on the map once a moderator has read it.",
    },
    "thanks_code": {"fr": "Votre code de retrait", "en": "Your withdrawal code"},
    "thanks_keep": {
        "fr": "Notez ce numéro et ce code (ou prenez-les en photo) : ils vous permettent de retirer votre "
        "avis quand vous le voulez (« Retirer mon avis », ci-dessous). Le code ne sera plus affiché.",
        "en": "Write this number and this code down (or take a photo): they let you withdraw your opinion "
        "whenever you wish (“Withdraw my opinion”, below). The code will not be shown again.",
    },
    "thanks_another": {"fr": "Donner un autre avis", "en": "Give another opinion"},
    # Withdrawing
    "withdraw_title": {"fr": "Retirer mon avis", "en": "Withdraw my opinion"},
    "withdraw_id": {"fr": "N° de l'avis", "en": "Opinion no."},
    "withdraw_code": {"fr": "Code de retrait", "en": "Withdrawal code"},
    "withdraw_button": {"fr": "Retirer définitivement", "en": "Withdraw for good"},
    "withdraw_done": {
        "fr": "Votre avis n° {id} a été retiré et effacé.",
        "en": "Your opinion no. {id} has been withdrawn and erased.",
    },
    "withdraw_refused": {
        "fr": "Numéro ou code incorrect : vérifiez-les (le code est celui affiché à l'envoi).",
        "en": "Wrong number or code: check them (the code is the one shown when you sent it).",
    },
    # A published contribution, picked on the map
    "view_title": {"fr": "Avis n° {id}", "en": "Opinion no. {id}"},
    "view_by": {"fr": "par {pseudonym}", "en": "by {pseudonym}"},
    "view_anonymous": {"fr": "anonyme", "en": "anonymous"},
    "view_status": {"fr": "Suite donnée : {status}", "en": "Follow-up: {status}"},
    "view_answer": {"fr": "Réponse de la Ville", "en": "The city's answer"},
    "view_answer_scenario": {"fr": "Voir {what}", "en": "See {what}"},
    "view_supports": {"fr": "{count} soutien(s)", "en": "{count} support(s)"},
    "view_support": {"fr": "Je soutiens cet avis", "en": "I support this opinion"},
    "view_report": {"fr": "Signaler un contenu inapproprié", "en": "Report inappropriate content"},
    "view_supported": {"fr": "Merci pour votre soutien.", "en": "Thank you for your support."},
    "view_already_supported": {
        "fr": "Vous soutenez déjà cet avis.",
        "en": "You already support this opinion.",
    },
    "view_reported": {
        "fr": "Merci : la modération va relire cet avis.",
        "en": "Thank you: a moderator will review this opinion.",
    },
    "view_gone": {"fr": "Cet avis n'est plus visible.", "en": "This opinion is no longer visible."},
    "view_shown_then": {"fr": "Donné en regardant {what}.", "en": "Given while looking at {what}."},
    # Moderation
    "moderation_title": {"fr": "Modération des avis", "en": "Moderating opinions"},
    "moderation_filter": {"fr": "Afficher", "en": "Show"},
    "moderation_filter_queue": {"fr": "À traiter ({count})", "en": "To review ({count})"},
    "moderation_filter_approved": {"fr": "Publiés ({count})", "en": "Published ({count})"},
    "moderation_filter_rejected": {"fr": "Refusés ({count})", "en": "Rejected ({count})"},
    "moderation_filter_hidden": {"fr": "Masqués ({count})", "en": "Hidden ({count})"},
    "moderation_refresh": {"fr": "Actualiser", "en": "Refresh"},
    "moderation_empty": {"fr": "Aucun avis ici.", "en": "No opinion here."},
    "moderation_pick": {"fr": "Choisissez un avis dans la liste.", "en": "Pick an opinion in the list."},
    "moderation_reports": {"fr": "{count} signalement(s)", "en": "{count} report(s)"},
    "moderation_where_building": {"fr": "bât. {building_id}", "en": "bldg. {building_id}"},
    "moderation_where_floor": {"fr": "bât. {building_id}, {level}", "en": "bldg. {building_id}, {level}"},
    "moderation_where_point": {
        "fr": "point au sol ({lat}, {lon})",
        "en": "spot on the ground ({lat}, {lon})",
    },
    "moderation_on_screen": {"fr": "À l'écran : {what}", "en": "On screen: {what}"},
    "moderation_no_time": {"fr": "heure non précisée", "en": "time not given"},
    "moderation_sent": {"fr": "Envoyé le {when}", "en": "Sent on {when}"},
    "moderation_state": {"fr": "État : {state}", "en": "State: {state}"},
    "moderation_reason": {
        "fr": "Motif (obligatoire pour refuser ou masquer ; gardé au journal)",
        "en": "Reason (required to reject or hide; kept in the log)",
    },
    "moderation_approve": {"fr": "Publier", "en": "Publish"},
    "moderation_reject": {"fr": "Refuser", "en": "Reject"},
    "moderation_hide": {"fr": "Masquer", "en": "Hide"},
    "moderation_restore": {"fr": "Rétablir", "en": "Restore"},
    "moderation_log": {"fr": "Historique des décisions", "en": "Decision log"},
    "moderation_log_item": {"fr": "{when} · {action} · {actor}", "en": "{when} · {action} · {actor}"},
    "moderation_done_approve": {"fr": "Avis n° {id} publié.", "en": "Opinion no. {id} published."},
    "moderation_done_reject": {"fr": "Avis n° {id} refusé.", "en": "Opinion no. {id} rejected."},
    "moderation_done_hide": {"fr": "Avis n° {id} masqué.", "en": "Opinion no. {id} hidden."},
    "moderation_done_restore": {"fr": "Avis n° {id} rétabli.", "en": "Opinion no. {id} restored."},
    "moderation_reason_needed": {
        "fr": "Indiquez le motif : il est obligatoire pour refuser ou masquer.",
        "en": "Give the reason: it is required to reject or hide.",
    },
    "moderation_refused_state": {
        "fr": "Cette décision ne s'applique pas à l'état actuel de l'avis : actualisez la liste.",
        "en": "This decision does not apply to the opinion's current state: refresh the list.",
    },
    "moderation_reason_invalid": {
        "fr": "Le motif dépasse 500 caractères ou contient des caractères invisibles.",
        "en": "The reason is over 500 characters or holds invisible characters.",
    },
    "moderation_gone": {
        "fr": "Cet avis n'existe plus (retiré par son auteur ?).",
        "en": "This opinion no longer exists (withdrawn by its author?).",
    },
    "follow_up_title": {"fr": "Suite donnée (publique)", "en": "Follow-up (public)"},
    "follow_up_status": {"fr": "Statut", "en": "Status"},
    "follow_up_answer": {"fr": "Réponse publique", "en": "Public answer"},
    "follow_up_scenario": {
        "fr": "Scénario qui y répond (facultatif)",
        "en": "Scenario that answers it (optional)",
    },
    "follow_up_none": {"fr": "Aucun", "en": "None"},
    "follow_up_save": {"fr": "Enregistrer la suite donnée", "en": "Save the follow-up"},
    "follow_up_done": {
        "fr": "Suite donnée enregistrée pour l'avis n° {id}.",
        "en": "Follow-up saved for opinion no. {id}.",
    },
    "follow_up_scenario_refused": {
        "fr": "Seule une version d'un scénario publié peut accompagner la réponse.",
        "en": "Only a version of a published scenario can go with the answer.",
    },
    "follow_up_answer_invalid": {
        "fr": "La réponse dépasse 2 000 caractères ou contient des caractères invisibles.",
        "en": "The answer is over 2,000 characters or holds invisible characters.",
    },
    "follow_up_status_needed": {"fr": "Choisissez un statut.", "en": "Choose a status."},
    "follow_up_only_published": {
        "fr": "La suite donnée se renseigne sur un avis publié.",
        "en": "A follow-up is given on a published opinion.",
    },
    "scenario_version_option": {"fr": "{name} — version {version}", "en": "{name} — version {version}"},
    "action_approve": {"fr": "publié", "en": "published"},
    "action_reject": {"fr": "refusé", "en": "rejected"},
    "action_hide": {"fr": "masqué", "en": "hidden"},
    "action_restore": {"fr": "rétabli", "en": "restored"},
    "action_auto_hide": {"fr": "masqué après signalements", "en": "hidden after reports"},
    "action_submit": {"fr": "envoyé", "en": "sent"},
    "action_withdraw": {"fr": "retiré par son auteur", "en": "withdrawn by its author"},
    "actor_nobody": {"fr": "automatique ou auteur", "en": "automatic or author"},
    "moderation_text": {"fr": "Texte de l'avis", "en": "The opinion's text"},
    "moderation_pseudonym": {"fr": "Pseudonyme : {pseudonym}", "en": "Pseudonym: {pseudonym}"},
    "moderation_supports": {"fr": "{count} soutien(s)", "en": "{count} support(s)"},
    "moderation_answer_now": {"fr": "Réponse publiée : {answer}", "en": "Published answer: {answer}"},
    "action_follow_up": {"fr": "suite donnée", "en": "follow-up"},
}
