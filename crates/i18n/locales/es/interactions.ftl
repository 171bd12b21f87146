# El registro de relaciones: interacciones, seguimientos, listas de tareas, a quién no se ha contactado últimamente.
# Liaison — español (portal público; el resto recurre al inglés).
nav-interactions = Interacciones
nav-tasks = Mis tareas

interactions-title = Interacciones
interactions-none = Ninguna interacción coincide.
interactions-from = Desde
interactions-to = Hasta
interaction-log = Registrar una interacción
interaction-edit = Modificar esta interacción
interaction-about = Qué pasó
interaction-participants = Quién participó
interaction-participants-hint = Para cada uno, un nombre tal como figura en el registro, o un número como #12.
interaction-hidden = y { $count } que usted no puede ver
interaction-attitude = Actitud observada

interaction-kind-meeting = Reunión
interaction-kind-call = Llamada
interaction-kind-visit = Visita
interaction-kind-email = Correo electrónico
interaction-kind-letter = Carta
interaction-kind-message = Mensaje
interaction-kind-social_media = Redes sociales
interaction-kind-chance_encounter = Encuentro casual

interaction-line-created = Registrada
interaction-line-changed = Datos modificados: { $fields }
interaction-line-follow_up_done = Seguimiento hecho: { $what }
interaction-line-follow_up_reopened = Seguimiento abierto de nuevo: { $what }

field-interaction-kind = Tipo de contacto
field-happened-on = Día en que tuvo lugar
field-summary = Resumen
field-people = Personas
field-organizations = Organizaciones
field-officers = Personal de la oficina
field-topics = Temas
field-topic = Tema
field-follow-up = Seguimiento
field-follow-up-owner = A cargo de
field-follow-up-due-on = Fecha límite

follow-ups-title = Seguimientos
follow-ups-none = No hay seguimientos.
follow-ups-hint = Lo que se prometió, quién se encarga y para cuándo. Las filas que queden vacías no se tienen en cuenta.
follow-up-add = Añadir un seguimiento
follow-up-done = Marcar como hecho
follow-up-reopen = Volver a abrir
follow-up-due = para el { $day }
follow-up-standing-overdue = Fuera de plazo
follow-up-standing-due_today = Vence hoy
follow-up-standing-open = Próximo
follow-up-standing-done = Hecho

tasks-title = Mis tareas
tasks-no-follow-ups = No tiene ningún seguimiento pendiente.
tasks-concerns = Inquietudes abiertas a mi cargo
tasks-no-concerns = No tiene asignada ninguna inquietud abierta.
tasks-all-concerns = Todas las inquietudes a mi cargo

not-contacted-title-person = Personas clave sin contacto reciente
not-contacted-title-organization = Organizaciones clave sin contacto reciente
not-contacted-intro = Las partes interesadas evaluadas con influencia alta con las que nadie ha tenido una reunión, una llamada ni un intercambio por escrito en este número de días; primero, aquellas con las que nunca se ha tenido contacto.
not-contacted-days = Días sin contacto
not-contacted-last = Último contacto
not-contacted-none = Se contactó con todas las partes interesadas clave en este número de días.

timeline-show = Mostrar
timeline-show-all = Todo
timeline-show-interactions = Interacciones
timeline-show-concerns = Inquietudes
timeline-show-changes = Cambios
timeline-empty = Todavía no hay nada.
timeline-older = Entradas anteriores
timeline-concern = Inquietud

stakeholder-last-contacted = Último contacto el { $day }.
stakeholder-never-contacted = Ningún contacto hasta ahora.
stakeholder-link-concern = Vincular una de sus inquietudes
stakeholder-link-concern-hint = Su referencia, como C-2026-00042. Las inquietudes presentadas de forma anónima no se pueden vincular a nadie.
stakeholder-link-concern-button = Vincular la inquietud
stakeholder-unlink-concern = Quitar el vínculo

error-future-day = Esta fecha todavía no ha llegado.
error-past-day = Esta fecha ya pasó.
error-anonymous = Esta inquietud se presentó de forma anónima: no se puede vincular a nadie.

# Las interacciones y los seguimientos son tipos de ficha que el cuadro de búsqueda podrá mostrar algún día.
search-kind-interaction = Interacciones
search-more-interaction = Todas las interacciones que coinciden
search-none-recent-interaction = Ninguna de las interacciones revisadas coincide.
search-recent-only-interaction = Solo se buscó entre una parte de las interacciones.
search-older-interaction = Seguir buscando
search-kind-follow_up = Seguimientos
search-more-follow_up = Todos los seguimientos
search-none-recent-follow_up = Ninguno de los seguimientos revisados coincide.
search-recent-only-follow_up = Solo se buscó entre una parte de los seguimientos.
search-older-follow_up = Seguir buscando
