# Attachments: photos and documents, on the portal and the staff pages.
# Liaison — español (portal público; el resto recurre al inglés).

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
