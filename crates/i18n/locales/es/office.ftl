# The office: its settings, areas, categories and their intake questions.
# Liaison — español (portal público; el resto recurre al inglés).

question-required = La respuesta es obligatoria
