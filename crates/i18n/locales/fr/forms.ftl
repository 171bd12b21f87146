# What every form shares: the error summary, common words, common field labels.
# Liaison — français (portail public ; le reste se replie sur l'anglais).

## Layout
errors-title = Veuillez corriger ce qui suit
error-summary-item = { $field } — { $message }
title-error-prefix = Erreur :
required = obligatoire
choose = Choisissez…
choose-optional = Choisissez (facultatif)

## Fields
field-email = Adresse e-mail
field-phone = Téléphone
field-description = Description
