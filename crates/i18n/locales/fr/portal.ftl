# The public portal: reporting a concern, the receipt, tracking it.
# Liaison — français (portail public ; le reste se replie sur l'anglais).

## Portal
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

## Fields
field-your-name = Votre nom

# Répondre sur la page de suivi.
event-you-replied = Vous avez écrit :
track-reply-title = Nous répondre
track-reply-hint = Votre réponse est ajoutée à votre préoccupation pour l’agent qui la traite. Seuls le personnel et vous, avec votre code, la lisez.
track-reply-label = Votre réponse
track-reply-submit = Envoyer votre réponse
track-replied = Merci : votre réponse a été ajoutée à votre préoccupation.

# Satisfaction sur la page de suivi.
track-satisfaction-title = Qu’en pensez-vous ?
track-satisfaction-question = Êtes-vous satisfait de la façon dont votre préoccupation a été traitée ?
track-satisfied-yes = Oui, je suis satisfait
track-satisfied-no = Non, je ne suis pas satisfait
track-satisfaction-why = Pourquoi ? (vous pouvez laisser vide)
track-satisfaction-submit = Envoyer votre réponse
event-you-satisfied = Vous nous avez dit être satisfait.
event-you-dissatisfied = Vous nous avez dit ne pas être satisfait.

track-appeal-title = Vous n’êtes pas d’accord avec la décision ?
track-appeal-explain = Vous pouvez former un recours jusqu’au { $until }. Une personne qui n’a pas pris la décision l’examinera et vous écrira.
track-appeal-grounds = Pourquoi n’êtes-vous pas d’accord ?
track-appeal-submit = Envoyer votre recours
