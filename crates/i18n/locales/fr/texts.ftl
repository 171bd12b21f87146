# Text in several languages.
# Liaison — français (portail public ; le reste se replie sur l'anglais).

portal-in-english = (en anglais)
portal-areas-in-english = Les noms sans traduction sont affichés en anglais.
