# Error pages, and the field errors every feature shares.
# Liaison — español (portal público; el resto recurre al inglés).

## Error pages
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

## Field errors
error-required = Este dato es obligatorio.
error-too-short = Es demasiado corto.
error-too-long = Es demasiado largo.
error-invalid-characters = Contiene caracteres no permitidos.
error-email = Escriba un correo como nombre@ejemplo.org.
error-phone = Escriba un teléfono de 5 a 20 cifras.
error-coordinates = Escriba una latitud entre -90 y 90 y una longitud entre -180 y 180.
error-choice = Elija una de las opciones propuestas.
error-number = Escriba un número.
error-date = Escriba una fecha como AAAA-MM-DD.
error-one-answer = Dé una sola respuesta.

## Attachments (portal and staff)
error-too-large-title = Envío demasiado grande
error-too-large = Lo que envió supera el tamaño que aceptamos, así que no se guardó nada. Vuelva atrás y adjunte menos archivos o archivos más pequeños.
error-bad-form-title = No se pudo leer el formulario
error-bad-form = Lo enviado no es un formulario que podamos leer, así que no se guardó nada. Vuelva atrás, recargue la página e inténtelo de nuevo.
