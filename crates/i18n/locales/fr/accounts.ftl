# Staff accounts: signing in, one's own password, roles, user administration.
# Liaison — français (portail public ; le reste se replie sur l'anglais).

## Sign-in and account
sign-in-title = Connexion du personnel
sign-in = Se connecter
field-password = Mot de passe

## Field errors
error-sign-in = L'adresse e-mail ou le mot de passe est incorrect.
