# Liaison — français (portail public ; le reste se replie sur l'anglais).

skip-to-content = Aller au contenu
nav-label = Principal
languages = Langues
footer-text = Liaison — bureau de liaison communautaire
staff-sign-in = Connexion du personnel
back-home = Retour à l'accueil
errors-title = Veuillez corriger ce qui suit
error-summary-item = { $field } — { $message }
title-error-prefix = Erreur :
required = obligatoire
choose = Choisissez…
choose-optional = Choisissez (facultatif)
timeline = Historique

span-days = { $n } jours
span-hours = { $n ->
    [one] 1 heure
   *[other] { $n } heures
}
span-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}

portal-title = Faites-nous part de votre préoccupation
portal-lede = Signalez-nous un problème, une plainte, un grief ou une question. Nous en accuserons réception et vous tiendrons informé jusqu'à sa résolution.
portal-report = Signaler une préoccupation
portal-track = Suivre une préoccupation
portal-how-title = Comment ça marche
portal-how-1 = Choisissez le sujet de votre préoccupation et décrivez-la.
portal-how-2 = Vous recevez une référence et un code de suivi personnel.
portal-how-3 = Avec ce code, vous voyez à tout moment où en est votre préoccupation et nos nouvelles.
portal-choose-title = Quel est le sujet de votre préoccupation ?
portal-choose-lede = Choisissez le sujet le plus proche. Si aucun ne convient, choisissez le sujet général.
portal-no-categories = Le bureau ne reçoit pas encore de préoccupations en ligne. Contactez-le directement.
portal-change-category = Choisir un autre sujet
portal-description-hint = Ce qui s'est passé, où et quand, et qui est touché. N'indiquez pas de données privées d'autres personnes.
portal-where = Où (facultatif)
portal-visibility = Qui peut lire votre description
portal-visibility-private = Seulement le bureau de liaison (recommandé)
portal-visibility-public = Le public aussi, sans votre nom ni vos coordonnées
portal-about-you = Vous concernant
portal-anonymous = Je souhaite rester anonyme
portal-name-hint = Obligatoire, sauf si vous restez anonyme.
portal-submit = Envoyer ma préoccupation
privacy-title = Votre vie privée
privacy-contact = Votre nom et vos coordonnées ne sont vus que par le personnel du bureau qui traite votre préoccupation. Ils ne sont jamais publiés.
privacy-anonymous = Si vous restez anonyme, nous ne conservons rien qui vous identifie : ni votre nom, ni votre adresse, ni votre appareil. Gardez votre code de suivi : c'est le seul moyen de suivre votre préoccupation.
receipt-title = Merci, nous avons bien reçu votre préoccupation
receipt-reference = Votre référence est { $reference }.
receipt-code-title = Votre code de suivi
receipt-code-keep = Notez ce code ou prenez-le en photo maintenant. Il ne sera plus affiché, et c'est le seul moyen de suivre votre préoccupation si vous êtes resté anonyme.
track-lede = Saisissez le code de suivi reçu lors de votre signalement.
field-tracking-code = Code de suivi
track-code-hint = Les lettres et chiffres de votre accusé de réception, par exemple 1A-ABCD-EFGH-JKMN-PQRS.
track-submit = Voir ma préoccupation
track-not-found = Aucune préoccupation ne correspond à ce code. Vérifiez-le et réessayez.
track-aim = Résolution visée avant le
track-waiting = Nous attendons des informations de votre part. Veuillez contacter le bureau.
track-duplicate = Cette préoccupation est traitée avec la préoccupation { $reference }.
track-another = Suivre une autre préoccupation

status-received = Reçue
status-acknowledged = Prise en compte
status-in_progress = En cours
status-awaiting_reporter = En attente de votre réponse
status-escalated = Transmise à un responsable
status-resolved = Résolue
status-closed = Clôturée
status-withdrawn = Retirée
status-rejected = Non retenue
status-received-explain = Nous avons reçu votre préoccupation et en accuserons réception sous peu.
status-acknowledged-explain = Nous avons examiné votre préoccupation et allons la traiter.
status-in_progress-explain = Nous traitons votre préoccupation.
status-awaiting_reporter-explain = Nous avons besoin d'informations de votre part pour continuer.
status-escalated-explain = Votre préoccupation a été transmise à un responsable.
status-resolved-explain = Nous considérons votre préoccupation comme résolue. Contactez-nous si vous n'êtes pas d'accord.
status-closed-explain = Votre préoccupation est clôturée.
status-withdrawn-explain = Votre préoccupation a été retirée.
status-rejected-explain = Nous ne pouvons pas retenir cette préoccupation. La raison figure ci-dessous.

event-received = Préoccupation reçue
event-status-changed = Statut passé à « { $status } »
event-duplicate-cleared = N'est plus marquée comme doublon

sign-in-title = Connexion du personnel
sign-in = Se connecter
field-password = Mot de passe
field-your-name = Votre nom
field-email = Adresse e-mail
field-phone = Téléphone
field-description = Description
field-area = Quartier
field-address = Adresse ou lieu
field-lat = Latitude
field-lng = Longitude
field-received = Reçue le

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

error-required = Ce champ est obligatoire.
error-too-short = C'est trop court.
error-too-long = C'est trop long.
error-invalid-characters = Contient des caractères non autorisés.
error-email = Saisissez une adresse comme nom@exemple.org.
error-phone = Saisissez un numéro de 5 à 20 chiffres.
error-coordinates = Saisissez une latitude entre -90 et 90 et une longitude entre -180 et 180.
error-choice = Choisissez l'une des options proposées.
error-category = Choisissez un sujet.
error-number = Saisissez un nombre.
error-date = Saisissez une date au format AAAA-MM-JJ.
error-one-answer = Donnez une seule réponse.
error-sign-in = L'adresse e-mail ou le mot de passe est incorrect.

## Forms (staff)
intake-name-hint = Obligatoire, sauf si la personne qui signale reste anonyme.
question-required = Une réponse est obligatoire

## Attachments
portal-photo = Ajouter une photo (facultatif)
portal-photo-hint = Jusqu’à { $count } photos (JPEG, PNG, WebP ou GIF) de { $size } au plus chacune. Avant de les conserver, nous retirons des photos le lieu, les informations de l’appareil et les commentaires.
portal-photo-again = Les photos ne sont pas conservées quand le formulaire comporte des erreurs : choisissez-les de nouveau.
field-photo = Photo
size-bytes = { $n } octets
size-kb = { $n } Ko
size-mb = { $n } Mo
error-file-empty = Ce fichier est vide.
error-file-too-large = Ce fichier est trop volumineux. Choisissez-en un plus petit.
error-file-type = Joignez une photo (JPEG, PNG, WebP ou GIF) ou un document PDF.
error-photo-type = Joignez une photo : JPEG, PNG, WebP ou GIF.
error-file-mismatch = Le contenu de ce fichier ne correspond pas à son type. Enregistrez-le de nouveau comme photo et réessayez.
error-file-damaged = Ce fichier est endommagé et ne peut pas être lu.
error-too-many-files = Joignez au plus 3 fichiers à la fois.
error-too-large-title = Envoi trop volumineux
error-too-large = Ce que vous avez envoyé dépasse la taille acceptée : rien n’a été enregistré. Revenez en arrière et joignez moins de fichiers ou des fichiers plus petits.
error-bad-form-title = Formulaire illisible
error-bad-form = Ce qui a été envoyé n’est pas un formulaire que nous pouvons lire : rien n’a été enregistré. Revenez en arrière, rechargez la page et réessayez.

# Text in several languages
portal-in-english = (en anglais)
portal-areas-in-english = Les noms sans traduction sont affichés en anglais.
