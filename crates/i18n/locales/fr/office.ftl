# The office: its settings, areas, categories and their intake questions.
# Liaison — français (portail public ; le reste se replie sur l'anglais).

question-required = Une réponse est obligatoire
