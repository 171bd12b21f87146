# The stakeholder register: people and organizations.
# Liaison — español (portal público; el resto recurre al inglés).

nav-stakeholders = Partes interesadas
stakeholders-register = El registro de partes interesadas
stakeholders-title-person = Personas
stakeholders-title-organization = Organizaciones
stakeholders-add-person = Añadir una persona
stakeholders-add-organization = Añadir una organización
stakeholders-search-hint = Un nombre, una etiqueta, un correo electrónico o un teléfono, escrito de cualquier forma.
stakeholders-none = No hay coincidencias entre lo que usted puede ver.
stakeholders-newest-first = Coincidencias, primero las añadidas más recientemente.
stakeholders-by-name = Por orden de nombre.

stakeholder-edit = Modificar los datos
stakeholder-about = Acerca de
stakeholder-contacts = Formas de contacto
stakeholder-contacts-hidden = Su función no da acceso a los datos de contacto.
stakeholder-contacts-none = Todavía no hay datos de contacto.
stakeholder-preferred = preferente
stakeholder-preferred-first = El primero es el preferente. Deje un campo vacío para eliminarlo.
stakeholder-interpreter = Se necesita un intérprete
stakeholder-interpreter-needed = necesita un intérprete
stakeholder-language-hint = Un código de idioma como so (somalí), pt-BR o ase (lengua de señas americana).
stakeholder-tags-hint = Separe las etiquetas con comas, por ejemplo: director de escuela, jóvenes.
stakeholder-no-owner = Nadie en particular
stakeholder-analysis = Análisis
stakeholder-not-assessed = Sin evaluar
stakeholder-timeline = Historial
stakeholder-duplicates = ¿Ya figura en el registro?
stakeholder-not-a-duplicate = Se trata de otra persona: añadirla de todos modos
error-likely-duplicate = El registro ya contiene fichas con el mismo teléfono, correo o nombre (indicadas arriba). Abra una de ellas o confirme que se trata de otra persona.
error-too-many = Demasiadas entradas.
error-language-tag = Escriba un código de idioma como en, so, pt-BR o ase.

stakeholder-line-created = Añadido al registro
stakeholder-line-changed = Datos modificados: { $fields }
stakeholder-line-influence = Influencia
stakeholder-line-interest = Interés
stakeholder-line-attitude = Actitud

field-addressed-as = Tratamiento que prefiere
field-organization-type = Tipo de organización
field-phones = Teléfonos
field-emails = Correos electrónicos
field-addresses = Direcciones
field-accessibility = Necesidades de accesibilidad
field-interpreter = Intérprete
field-areas = Zonas
field-tags = Etiquetas
field-tag = Etiqueta
field-notes = Notas
field-owner = A cargo de
field-influence = Influencia
field-interest = Interés
field-attitude = Actitud
field-not-a-duplicate = Otra persona

assessed-low = Bajo
assessed-medium = Medio
assessed-high = Alto
assessed-supportive = Favorable
assessed-leaning_supportive = Más bien favorable
assessed-neutral = Neutral
assessed-leaning_opposed = Más bien en contra
assessed-opposed = En contra

organization-type-community_group = Grupo comunitario
organization-type-residents_association = Asociación de vecinos
organization-type-business = Empresa
organization-type-school = Centro educativo
organization-type-faith_group = Grupo religioso
organization-type-ngo = ONG o entidad benéfica
organization-type-government_agency = Organismo público
organization-type-media = Medio de comunicación
organization-type-health_provider = Servicio de salud
organization-type-other = Otro

search-kind-person = Personas
search-kind-organization = Organizaciones
search-more-person = Todas las personas que coinciden
search-more-organization = Todas las organizaciones que coinciden
search-none-recent-person = Ninguna de las personas revisadas coincide.
search-none-recent-organization = Ninguna de las organizaciones revisadas coincide.
search-recent-only-person = Solo se buscó entre una parte de las personas.
search-recent-only-organization = Solo se buscó entre una parte de las organizaciones.
search-older-person = Seguir buscando
search-older-organization = Seguir buscando

grid-title = Influencia e interés
grid-explain = Cuántas partes interesadas hay en cada nivel de influencia e interés. Abra una casilla para verlas.
grid-caption = cuántas hay en cada nivel de influencia (filas) e interés (columnas)
grid-unassessed = { $count } sin evaluar todavía.
quadrant-manage_closely = Gestionar de cerca
quadrant-keep_satisfied = Mantener satisfechas
quadrant-keep_informed = Mantener informadas
quadrant-monitor = Vigilar
