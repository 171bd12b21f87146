# Text in several languages.
# Liaison — español (portal público; el resto recurre al inglés).

portal-in-english = (en inglés)
portal-areas-in-english = Los nombres sin traducción se muestran en inglés.
