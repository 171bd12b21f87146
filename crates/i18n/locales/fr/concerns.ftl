# Concerns: statuses, timelines, deadlines, queues, the concern page, staff intake.
# Liaison — français (portail public ; le reste se replie sur l'anglais).

## Layout
timeline = Historique

## Time
span-days = { $n } jours
span-hours = { $n ->
    [one] 1 heure
   *[other] { $n } heures
}
span-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}

## Statuses
status-received = Reçue
status-acknowledged = Prise en compte
status-in_progress = En cours
status-awaiting_reporter = En attente de votre réponse
status-escalated = Transmise à un responsable
status-resolved = Résolue
status-closed = Clôturée
status-withdrawn = Retirée
status-rejected = Non retenue
status-received-explain = Nous avons reçu votre préoccupation et en accuserons réception sous peu.
status-acknowledged-explain = Nous avons examiné votre préoccupation et allons la traiter.
status-in_progress-explain = Nous traitons votre préoccupation.
status-awaiting_reporter-explain = Nous avons besoin d'informations de votre part pour continuer.
status-escalated-explain = Votre préoccupation a été transmise à un responsable.
status-resolved-explain = Nous considérons votre préoccupation comme résolue. Contactez-nous si vous n'êtes pas d'accord.
status-closed-explain = Votre préoccupation est clôturée.
status-withdrawn-explain = Votre préoccupation a été retirée.
status-rejected-explain = Nous ne pouvons pas retenir cette préoccupation. La raison figure ci-dessous.

## Timeline
event-received = Préoccupation reçue
event-status-changed = Statut passé à « { $status } »
event-duplicate-cleared = N'est plus marquée comme doublon

## Fields
field-area = Quartier
field-address = Adresse ou lieu
field-lat = Latitude
field-lng = Longitude
field-received = Reçue le

## Field errors
error-category = Choisissez un sujet.

## Intake
intake-name-hint = Obligatoire, sauf si la personne qui signale reste anonyme.

# Recours.
status-appealed = En recours
status-appealed-explain = Vous avez formé un recours contre la décision. Une personne qui ne l’a pas prise l’examine.
error-appeal-not-now = Cette décision ne peut plus faire l’objet d’un recours : le délai est passé, ou un recours a déjà été formé.
