# What every form shares: the error summary, common words, common field labels.
# Liaison — español (portal público; el resto recurre al inglés).

## Layout
errors-title = Corrija lo siguiente
error-summary-item = { $field } — { $message }
title-error-prefix = Error:
required = obligatorio
choose = Elija…
choose-optional = Elija (opcional)

## Fields
field-email = Correo electrónico
field-phone = Teléfono
field-description = Descripción
