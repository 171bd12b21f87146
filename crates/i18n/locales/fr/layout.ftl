# The page frame: navigation, footer, languages.
# Liaison — français (portail public ; le reste se replie sur l'anglais).

skip-to-content = Aller au contenu
nav-label = Principal
languages = Langues
footer-text = Liaison — bureau de liaison communautaire
staff-sign-in = Connexion du personnel
back-home = Retour à l'accueil
