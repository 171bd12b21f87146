# Cartas que Liaison envía por correo electrónico (crates/mail/src/letters.rs).
mail-acknowledged-subject = Hemos recibido su inquietud { $reference }
mail-acknowledged-body = Gracias por informarnos. Su inquietud tiene la referencia { $reference }. La estudiaremos y le escribiremos a medida que avance.
mail-tracking-code = Su código de seguimiento:
mail-tracking-how = Guarde este código: con él puede seguir su inquietud en nuestra página de seguimiento, leer nuestras novedades y responderlas.
mail-tracking-link = Seguir su inquietud
mail-update-subject = Novedades sobre su inquietud { $reference }
mail-update-intro = Tenemos novedades sobre su inquietud { $reference }:
mail-waiting-subject = Necesitamos algo de usted sobre { $reference }
mail-waiting-intro = Para continuar con su inquietud { $reference }, necesitamos algo de usted:
mail-answer-how = Puede responder en nuestra página de seguimiento con su código de seguimiento.
mail-resolved-subject = Su inquietud { $reference } está resuelta
mail-resolved-intro = Hemos resuelto su inquietud { $reference }.
mail-rejected-subject = Su inquietud { $reference } no fue admitida
mail-rejected-intro = Hemos decidido no admitir su inquietud { $reference }, por este motivo:
mail-footer = Este mensaje lo envió { $office } porque usted dio su dirección de correo electrónico al presentar una inquietud.
mail-satisfaction-ask = ¿Está satisfecho con cómo la atendimos? Díganoslo en nuestra página de seguimiento, con su código de seguimiento, o responda a este mensaje.

# Apelaciones (crates/mail/src/letters.rs).
mail-appeal-window = Si no está de acuerdo con esta decisión, puede apelarla en { $days ->
    [one] un día
   *[other] { $days } días
} en nuestra página de seguimiento, con su código de seguimiento, o respondiendo a este mensaje. La revisará una persona que no tomó la decisión.
mail-appeal-received-subject = Hemos recibido su apelación sobre { $reference }
mail-appeal-received-body = Hemos recibido su apelación sobre su inquietud { $reference }. Una persona que no tomó la decisión la revisará y le escribirá en { $days ->
    [one] un día
   *[other] { $days } días
}.
mail-appeal-upheld-subject = La revisión de su apelación sobre { $reference }
mail-appeal-upheld-intro = Hemos revisado su apelación sobre su inquietud { $reference }. La decisión se mantiene, por este motivo:
mail-appeal-overturned-subject = Su apelación sobre { $reference } ha prosperado
mail-appeal-overturned-intro = Hemos revisado su apelación sobre su inquietud { $reference } y volveremos a estudiarla. La persona que la revisó escribió:

# Encuentros: invitaciones e inscripciones.
mail-engagement-when = Cuándo
mail-engagement-where = Dónde
mail-engagement-open = Ver la reunión
mail-engagement-calendar = Añadirla a su calendario
mail-engagement-give-up = Ceder su plaza si no puede asistir
mail-invitation-subject = Está invitado: { $title }
mail-invitation-body = Nos gustaría que nos acompañara en «{ $title }». Díganos si puede asistir.
mail-invitation-answer = Responder si asiste
mail-registered-subject = Su plaza: { $title }
mail-registered-body = Tiene una plaza en «{ $title }».
mail-waitlisted-subject = En lista de espera: { $title }
mail-waitlisted-body = «{ $title }» está completo, así que está en su lista de espera. Si se libera una plaza, será suya y le escribiremos.
mail-moved-up-subject = Una plaza para usted: { $title }
mail-moved-up-body = Se liberó una plaza en «{ $title }» y es suya.
mail-called-off-subject = Cancelado: { $title }
mail-called-off-body = «{ $title }» del { $when } queda cancelado. Lo sentimos.
mail-footer-invitation = Este mensaje lo envió { $office } porque usted aceptó que le invitaran a sus reuniones. Avise a la oficina si ya no lo desea.
mail-footer-registration = Este mensaje lo envió { $office } porque usted se inscribió en una de sus reuniones.
mail-moved-up-give-up = Si al final no puede asistir, ceda su plaza con el enlace de nuestro primer mensaje, para que otra persona pueda venir.
mail-survey-subject = ¿Qué le pareció? { $title }
mail-survey-body = Gracias por venir a «{ $title }». Díganos qué le pareció: unas preguntas, unos minutos. Sus respuestas nos ayudan a mejorar.
mail-survey-answer = Responder la encuesta
mail-footer-survey = Este mensaje lo envió { $office } porque usted vino a una de sus reuniones y dejó su correo electrónico. El enlace es suyo: admite una respuesta.
