# Error pages, and the field errors every feature shares.
# Liaison — français (portail public ; le reste se replie sur l'anglais).

## Error pages
error-not-found-title = Introuvable
error-not-found = Il n'y a rien à cette adresse, ou vous ne pouvez pas le voir.
error-forbidden-title = Non autorisé
error-forbidden = Votre rôle ne le permet pas.
error-invalid-title = La demande comporte une erreur
error-invalid = Revenez en arrière et vérifiez votre saisie.
error-throttled-title = Trop de tentatives
error-throttled = Trop de tentatives. Attendez une minute puis réessayez.
error-unavailable-title = Momentanément indisponible
error-unavailable = Le service ne peut pas joindre sa base de données. Réessayez dans un instant.
error-storage-full-title = Stockage plein
error-storage-full = Le serveur n'a plus d'espace de stockage, rien n'a donc été enregistré. Les pages restent consultables. Prévenez le bureau et réessayez plus tard.
error-overloaded-title = Trop de demandes en ce moment
error-overloaded = Le service reçoit plus de demandes qu'il ne peut en traiter : celle-ci n'a pas été traitée et rien n'a été enregistré. Réessayez dans un instant.
error-timeout-title = La demande a pris trop de temps
error-timeout = La demande a pris trop de temps et a été interrompue. Si vous envoyiez quelque chose, vérifiez s'il est bien arrivé avant de le renvoyer.
error-internal-title = Une erreur est survenue
error-internal = Une erreur est survenue de notre côté. Rien n'a été enregistré. Veuillez réessayer.
error-form-expired-title = Ce formulaire a expiré
error-form-expired = La page est restée ouverte pendant une connexion ou une déconnexion : le formulaire n’a pas été accepté et rien n’a été modifié. Revenez en arrière, rechargez la page et envoyez-le de nouveau.
error-cross-site-title = Envoi refusé
error-cross-site = Ce formulaire a été envoyé depuis un autre site web : il a été refusé et rien n’a été modifié. Utilisez le formulaire de ce site.

## Field errors
error-required = Ce champ est obligatoire.
error-too-short = C'est trop court.
error-too-long = C'est trop long.
error-invalid-characters = Contient des caractères non autorisés.
error-email = Saisissez une adresse comme nom@exemple.org.
error-phone = Saisissez un numéro de 5 à 20 chiffres.
error-coordinates = Saisissez une latitude entre -90 et 90 et une longitude entre -180 et 180.
error-choice = Choisissez l'une des options proposées.
error-number = Saisissez un nombre.
error-date = Saisissez une date au format AAAA-MM-JJ.
error-one-answer = Donnez une seule réponse.

## Attachments (portal and staff)
error-too-large-title = Envoi trop volumineux
error-too-large = Ce que vous avez envoyé dépasse la taille acceptée : rien n’a été enregistré. Revenez en arrière et joignez moins de fichiers ou des fichiers plus petits.
error-bad-form-title = Formulaire illisible
error-bad-form = Ce qui a été envoyé n’est pas un formulaire que nous pouvons lire : rien n’a été enregistré. Revenez en arrière, rechargez la page et réessayez.
