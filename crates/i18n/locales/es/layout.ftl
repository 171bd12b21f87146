# The page frame: navigation, footer, languages.
# Liaison — español (portal público; el resto recurre al inglés).

skip-to-content = Ir al contenido
nav-label = Principal
languages = Idiomas
footer-text = Liaison — oficina de enlace comunitario
staff-sign-in = Acceso del personal
back-home = Volver a la página de inicio
