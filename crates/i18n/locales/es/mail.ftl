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
