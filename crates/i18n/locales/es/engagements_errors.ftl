# Lo que rechazan las operaciones de los encuentros (también en el portal, al inscribirse).
error-venue-or-link = Indique la dirección del lugar o un enlace para participar en línea.
error-link = Escriba un enlace que empiece por https:// (sin espacios).
error-capacity-below-registrations = Ya hay más personas con plaza que esta cifra: libere plazas primero u ofrezca más.
error-engagement-over = Este encuentro ya ha terminado.
error-engagement-cancelled = Este encuentro ha sido cancelado.
error-publish-needs-public = Solo se puede publicar en el portal un encuentro que cualquiera puede ver.
error-already-checked-in = Ya se registró su llegada.
error-not-now = Esto no es posible en este momento.
