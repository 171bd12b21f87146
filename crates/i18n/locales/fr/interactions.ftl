# Le journal des échanges : interactions, suites à donner, listes de tâches, qui n'a pas été contacté récemment.
# Liaison — français (portail public ; le reste se replie sur l'anglais).
nav-interactions = Interactions
nav-tasks = Mes tâches

interactions-title = Interactions
interactions-none = Aucune interaction ne correspond.
interactions-from = Du
interactions-to = Au
interaction-log = Enregistrer une interaction
interaction-edit = Modifier cette interaction
interaction-about = Ce qui s'est passé
interaction-participants = Qui y a pris part
interaction-participants-hint = Pour chacun, un nom tel qu'il figure dans le registre, ou un numéro comme #12.
interaction-hidden = et { $count } que vous ne pouvez pas voir
interaction-attitude = Attitude observée

interaction-kind-meeting = Réunion
interaction-kind-call = Appel
interaction-kind-visit = Visite
interaction-kind-email = E-mail
interaction-kind-letter = Lettre
interaction-kind-message = Message
interaction-kind-social_media = Réseaux sociaux
interaction-kind-chance_encounter = Rencontre fortuite

interaction-line-created = Enregistrée
interaction-line-changed = Informations modifiées : { $fields }
interaction-line-follow_up_done = Suite donnée : { $what }
interaction-line-follow_up_reopened = Suite à donner rouverte : { $what }

field-interaction-kind = Type de contact
field-happened-on = Jour où elle a eu lieu
field-summary = Résumé
field-people = Personnes
field-organizations = Organisations
field-officers = Agents du bureau
field-topics = Sujets
field-topic = Sujet
field-follow-up = Suite à donner
field-follow-up-owner = Qui s'en charge
field-follow-up-due-on = Échéance

follow-ups-title = Suites à donner
follow-ups-none = Aucune suite à donner.
follow-ups-hint = Ce qui a été promis, qui s'en charge et pour quand. Les lignes laissées vides sont ignorées.
follow-up-add = Ajouter une suite à donner
follow-up-done = Marquer comme fait
follow-up-reopen = Rouvrir
follow-up-due = pour le { $day }
follow-up-standing-overdue = En retard
follow-up-standing-due_today = Pour aujourd'hui
follow-up-standing-open = À venir
follow-up-standing-done = Fait

tasks-title = Mes tâches
tasks-no-follow-ups = Vous n'avez aucune suite à donner en attente.
tasks-concerns = Préoccupations ouvertes qui me sont confiées
tasks-no-concerns = Aucune préoccupation ouverte ne vous est confiée.
tasks-all-concerns = Toutes les préoccupations qui me sont confiées

not-contacted-title-person = Personnes clés sans contact récent
not-contacted-title-organization = Organisations clés sans contact récent
not-contacted-intro = Les parties prenantes évaluées avec une influence élevée que personne n'a rencontrées, appelées ni contactées par écrit depuis ce nombre de jours ; celles qui n'ont jamais été contactées apparaissent en premier.
not-contacted-days = Jours sans contact
not-contacted-last = Dernier contact
not-contacted-none = Toutes les parties prenantes clés ont été contactées au cours de ce nombre de jours.

timeline-show = Afficher
timeline-show-all = Tout
timeline-show-interactions = Interactions
timeline-show-concerns = Préoccupations
timeline-show-changes = Modifications
timeline-empty = Rien pour l'instant.
timeline-older = Entrées plus anciennes
timeline-concern = Préoccupation

stakeholder-last-contacted = Dernier contact le { $day }.
stakeholder-never-contacted = Aucun contact jusqu'ici.
stakeholder-link-concern = Lier l'une de ses préoccupations
stakeholder-link-concern-hint = Sa référence, comme C-2026-00042. Les signalements anonymes ne peuvent être liés à personne.
stakeholder-link-concern-button = Lier la préoccupation
stakeholder-unlink-concern = Retirer le lien

error-future-day = Cette date n'est pas encore arrivée.
error-past-day = Cette date est déjà passée.
error-anonymous = Cette préoccupation a été signalée anonymement : elle ne peut être liée à personne.

# Les interactions et les suites à donner sont des types de fiche que le champ de recherche pourra un jour lister.
search-kind-interaction = Interactions
search-more-interaction = Toutes les interactions correspondantes
search-none-recent-interaction = Aucune des interactions parcourues ne correspond.
search-recent-only-interaction = La recherche n'a porté que sur une partie des interactions.
search-older-interaction = Poursuivre la recherche
search-kind-follow_up = Suites à donner
search-more-follow_up = Toutes les suites à donner
search-none-recent-follow_up = Aucune des suites à donner parcourues ne correspond.
search-recent-only-follow_up = La recherche n'a porté que sur une partie des suites à donner.
search-older-follow_up = Poursuivre la recherche
