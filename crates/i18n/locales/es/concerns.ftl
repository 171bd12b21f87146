# Concerns: statuses, timelines, deadlines, queues, the concern page, staff intake.
# Liaison — español (portal público; el resto recurre al inglés).

## Layout
timeline = Historial

## Time
span-days = { $n } días
span-hours = { $n ->
    [one] 1 hora
   *[other] { $n } horas
}
span-minutes = { $n ->
    [one] 1 minuto
   *[other] { $n } minutos
}

## Statuses
status-received = Recibida
status-acknowledged = Confirmada
status-in_progress = En curso
status-awaiting_reporter = Esperando su respuesta
status-escalated = Remitida a un responsable
status-resolved = Resuelta
status-closed = Cerrada
status-withdrawn = Retirada
status-rejected = No admitida
status-received-explain = Hemos recibido su inquietud y le confirmaremos la recepción en breve.
status-acknowledged-explain = Hemos revisado su inquietud y vamos a trabajar en ella.
status-in_progress-explain = Estamos trabajando en su inquietud.
status-awaiting_reporter-explain = Necesitamos información de su parte para continuar.
status-escalated-explain = Su inquietud se ha remitido a un responsable.
status-resolved-explain = Consideramos resuelta su inquietud. Comuníquese con nosotros si no está de acuerdo.
status-closed-explain = Su inquietud está cerrada.
status-withdrawn-explain = Su inquietud fue retirada.
status-rejected-explain = No podemos admitir esta inquietud. El motivo figura abajo.

## Timeline
event-received = Inquietud recibida
event-status-changed = Estado cambiado a { $status }
event-duplicate-cleared = Ya no figura como duplicada

## Fields
field-area = Zona
field-address = Dirección o lugar
field-lat = Latitud
field-lng = Longitud
field-received = Recibida

## Field errors
error-category = Elija un tema.

## Intake
intake-name-hint = Obligatorio, salvo si la persona que informa permanece en el anonimato.

# Apelaciones.
status-appealed = En apelación
status-appealed-explain = Usted apeló la decisión. La está revisando una persona que no la tomó.
error-appeal-not-now = Esta decisión ya no se puede apelar: el plazo ha terminado o la decisión ya fue apelada.
