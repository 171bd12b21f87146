# Liaison — español (portal público; el resto recurre al inglés).

skip-to-content = Ir al contenido
nav-label = Principal
languages = Idiomas
footer-text = Liaison — oficina de enlace comunitario
staff-sign-in = Acceso del personal
back-home = Volver a la página de inicio
errors-title = Corrija lo siguiente
error-summary-item = { $field } — { $message }
title-error-prefix = Error:
required = obligatorio
choose = Elija…
choose-optional = Elija (opcional)
timeline = Historial

span-days = { $n } días
span-hours = { $n ->
    [one] 1 hora
   *[other] { $n } horas
}
span-minutes = { $n ->
    [one] 1 minuto
   *[other] { $n } minutos
}

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

event-received = Inquietud recibida
event-status-changed = Estado cambiado a { $status }
event-duplicate-cleared = Ya no figura como duplicada

sign-in-title = Acceso del personal
sign-in = Entrar
field-password = Contraseña
field-your-name = Su nombre
field-email = Correo electrónico
field-phone = Teléfono
field-description = Descripción
field-area = Zona
field-address = Dirección o lugar
field-lat = Latitud
field-lng = Longitud
field-received = Recibida

error-not-found-title = No encontrado
error-not-found = No hay nada en esta dirección, o no puede verlo.
error-forbidden-title = No permitido
error-forbidden = Su función no lo permite.
error-invalid-title = La solicitud tiene un problema
error-invalid = Vuelva atrás y revise lo que escribió.
error-throttled-title = Demasiados intentos
error-throttled = Demasiados intentos. Espere un minuto y vuelva a intentarlo.
error-unavailable-title = No disponible por el momento
error-unavailable = El servicio no puede acceder a su base de datos. Inténtelo de nuevo en un momento.
error-storage-full-title = Almacenamiento lleno
error-storage-full = El servidor se quedó sin espacio de almacenamiento, así que no se guardó nada. Las páginas se pueden seguir consultando. Avise a la oficina e inténtelo de nuevo más tarde.
error-overloaded-title = Demasiadas solicitudes en este momento
error-overloaded = El servicio está recibiendo más solicitudes de las que puede atender, así que esta no se procesó y no se guardó nada. Inténtelo de nuevo en un momento.
error-timeout-title = La solicitud tardó demasiado
error-timeout = La solicitud tardó demasiado y se detuvo. Si estaba enviando algo, compruebe si llegó antes de enviarlo otra vez.
error-internal-title = Algo salió mal
error-internal = Algo salió mal de nuestro lado. No se guardó nada. Inténtelo de nuevo.
error-form-expired-title = Este formulario ha caducado
error-form-expired = La página quedó abierta durante un inicio o cierre de sesión, así que el formulario no se aceptó y no se cambió nada. Vuelva atrás, recargue la página y envíelo de nuevo.
error-cross-site-title = Envío rechazado
error-cross-site = Este formulario se envió desde otro sitio web, así que se rechazó y no se cambió nada. Use el formulario de este sitio.

error-required = Este dato es obligatorio.
error-too-short = Es demasiado corto.
error-too-long = Es demasiado largo.
error-invalid-characters = Contiene caracteres no permitidos.
error-email = Escriba un correo como nombre@ejemplo.org.
error-phone = Escriba un teléfono de 5 a 20 cifras.
error-coordinates = Escriba una latitud entre -90 y 90 y una longitud entre -180 y 180.
error-choice = Elija una de las opciones propuestas.
error-category = Elija un tema.
error-number = Escriba un número.
error-date = Escriba una fecha como AAAA-MM-DD.
error-one-answer = Dé una sola respuesta.
error-sign-in = El correo o la contraseña no son correctos.

## Forms (staff)
intake-name-hint = Obligatorio, salvo si la persona que informa permanece en el anonimato.
question-required = La respuesta es obligatoria

## Attachments
portal-photo = Añadir una foto (opcional)
portal-photo-hint = Hasta { $count } fotos (JPEG, PNG, WebP o GIF) de { $size } como máximo cada una. Antes de guardarlas, quitamos de las fotos la ubicación, los datos de la cámara y los comentarios.
portal-photo-again = Las fotos no se conservan cuando el formulario tiene errores: vuelva a elegirlas.
field-photo = Foto
size-bytes = { $n } bytes
size-kb = { $n } KB
size-mb = { $n } MB
error-file-empty = Este archivo está vacío.
error-file-too-large = Este archivo es demasiado grande. Elija uno más pequeño.
error-file-type = Adjunte una foto (JPEG, PNG, WebP o GIF) o un documento PDF.
error-photo-type = Adjunte una foto: JPEG, PNG, WebP o GIF.
error-file-mismatch = El contenido de este archivo no corresponde a su tipo. Guárdelo de nuevo como foto e inténtelo otra vez.
error-file-damaged = Este archivo está dañado y no se puede leer.
error-too-many-files = Adjunte como máximo 3 archivos a la vez.
error-too-large-title = Envío demasiado grande
error-too-large = Lo que envió supera el tamaño que aceptamos, así que no se guardó nada. Vuelva atrás y adjunte menos archivos o archivos más pequeños.
error-bad-form-title = No se pudo leer el formulario
error-bad-form = Lo enviado no es un formulario que podamos leer, así que no se guardó nada. Vuelva atrás, recargue la página e inténtelo de nuevo.

# Text in several languages
portal-in-english = (en inglés)
portal-areas-in-english = Los nombres sin traducción se muestran en inglés.
