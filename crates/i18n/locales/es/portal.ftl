# The public portal: reporting a concern, the receipt, tracking it.
# Liaison — español (portal público; el resto recurre al inglés).

## Portal
portal-title = Cuéntenos su inquietud
portal-lede = Infórmenos de un problema, una queja, un reclamo o una pregunta. Le confirmaremos la recepción y le mantendremos informado hasta que se resuelva.
portal-report = Presentar una inquietud
portal-track = Seguir una inquietud
portal-how-title = Cómo funciona
portal-how-1 = Elija el tema de su inquietud y descríbala.
portal-how-2 = Recibirá una referencia y un código de seguimiento privado.
portal-how-3 = Con el código puede ver en todo momento en qué punto está su inquietud y nuestras novedades.
portal-choose-title = ¿Sobre qué trata su inquietud?
portal-choose-lede = Elija la opción más cercana. Si ninguna encaja, elija la general.
portal-no-categories = La oficina todavía no recibe inquietudes en línea. Comuníquese directamente con ella.
portal-change-category = Elegir otro tema
portal-description-hint = Qué pasó, dónde y cuándo, y a quién afecta. No incluya datos privados de otras personas.
portal-where = Dónde (opcional)
portal-visibility = Quién puede leer su descripción
portal-visibility-private = Solo la oficina de enlace (recomendado)
portal-visibility-public = También el público, sin su nombre ni sus datos de contacto
portal-about-you = Sobre usted
portal-anonymous = Quiero permanecer en el anonimato
portal-name-hint = Obligatorio, salvo si permanece en el anonimato.
portal-submit = Enviar mi inquietud
privacy-title = Su privacidad
privacy-contact = Su nombre y sus datos de contacto solo los ve el personal de la oficina que atiende su inquietud. Nunca se publican.
privacy-anonymous = Si permanece en el anonimato no guardamos nada que le identifique: ni su nombre, ni su dirección, ni su dispositivo. Guarde su código de seguimiento: es la única forma de seguir su inquietud.
receipt-title = Gracias, hemos recibido su inquietud
receipt-reference = Su referencia es { $reference }.
receipt-code-title = Su código de seguimiento
receipt-code-keep = Anote este código o tómele una foto ahora. No se volverá a mostrar y es la única forma de seguir su inquietud si la presentó de forma anónima.
track-lede = Escriba el código de seguimiento que recibió al presentar su inquietud.
field-tracking-code = Código de seguimiento
track-code-hint = Las letras y cifras de su comprobante, por ejemplo 1A-ABCD-EFGH-JKMN-PQRS.
track-submit = Ver mi inquietud
track-not-found = No encontramos ninguna inquietud con este código. Revíselo e inténtelo de nuevo.
track-aim = Prevemos resolverla antes del
track-waiting = Esperamos información de su parte. Comuníquese con la oficina.
track-duplicate = Esta inquietud se atiende junto con la inquietud { $reference }.
track-another = Seguir otra inquietud

## Fields
field-your-name = Su nombre

# Responder en la página de seguimiento.
event-you-replied = Usted escribió:
track-reply-title = Respóndanos
track-reply-hint = Su respuesta se añade a su inquietud para el agente que la atiende. Solo el personal y usted, con su código, la leen.
track-reply-label = Su respuesta
track-reply-submit = Enviar su respuesta
track-replied = Gracias: su respuesta se añadió a su inquietud.

# Satisfacción en la página de seguimiento.
track-satisfaction-title = ¿Cómo lo hicimos?
track-satisfaction-question = ¿Está satisfecho con cómo se atendió su inquietud?
track-satisfied-yes = Sí, estoy satisfecho
track-satisfied-no = No, no estoy satisfecho
track-satisfaction-why = ¿Por qué? (puede dejarlo vacío)
track-satisfaction-submit = Enviar su respuesta
event-you-satisfied = Nos dijo que está satisfecho.
event-you-dissatisfied = Nos dijo que no está satisfecho.

track-appeal-title = ¿No está de acuerdo con la decisión?
track-appeal-explain = Puede apelar hasta el { $until }. Una persona que no tomó la decisión la revisará y le escribirá.
track-appeal-grounds = ¿Por qué no está de acuerdo?
track-appeal-submit = Enviar su apelación

## Public statistics (/statistics)
portal-statistics = Nuestros resultados en cifras
statistics-title = Nuestros resultados en cifras
statistics-period = Inquietudes y compromisos del { $from } al { $to }: los últimos doce meses completos.
statistics-updated = Contado el { $at }. Los días se cuentan en la zona horaria de la oficina ({ $zone }).
statistics-received = Inquietudes recibidas
statistics-on-time = Resueltas dentro del plazo
statistics-why-link = Por qué algunas cifras no se muestran
statistics-by-category = Por categoría
statistics-by-area = Por zona
statistics-category = Categoría
statistics-area = Zona
statistics-total = Todas las inquietudes
statistics-withheld = Esta tabla no se muestra: hay demasiado pocas inquietudes para mostrarla sin que alguien pueda ser identificado.
statistics-commitments = Nuestros compromisos públicos
statistics-commitments-lede = Promesas que hicimos a la comunidad y publicamos, cerradas en los mismos meses, y las que siguen abiertas hoy.
statistics-kept = Cumplidos
statistics-dropped = Abandonados
statistics-closed = Cumplidos o abandonados
statistics-kept-on-time = Cumplidos en la fecha prometida
statistics-open = Abiertos hoy
statistics-you-said = Ver cada compromiso: ustedes dijeron, nosotros hicimos
statistics-fewer = menos de { $n }
statistics-hidden = no se muestra
statistics-percent = { $p } %
statistics-at-least = al menos { $p } %
statistics-at-most = como mucho { $p } %
statistics-too-few = demasiado pocas para decirlo
statistics-other-categories = Otras categorías
statistics-no-area = Sin zona indicada
statistics-why-title = Por qué algunas cifras no se muestran
statistics-why = Para que nadie pueda ser reconocido a partir de estas cifras, nunca mostramos un número menor que { $n }: ese grupo aparece como «menos de { $n }» (que también puede ser ninguno).
statistics-why-hidden = Cuando el total y las demás cifras permitirían deducir un número pequeño por resta, otra cifra tampoco se muestra («no se muestra»); es { $n } o más.
statistics-why-shares = Un porcentaje solo se calcula con suficientes inquietudes, y cuando solo unas pocas se resolvieron tarde (o a tiempo) se da como «al menos» o «como mucho».
statistics-why-other = Las categorías que no ofrecemos en este portal, y las sensibles con pocas inquietudes, se cuentan juntas en «Otras categorías».
statistics-span = del { $from } al { $to }
