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
