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

## Public statistics (/statistics)
portal-statistics = Notre bilan en chiffres
statistics-title = Notre bilan en chiffres
statistics-period = Préoccupations et engagements du { $from } au { $to } : les douze derniers mois complets.
statistics-updated = Compté le { $at }. Les jours sont comptés dans le fuseau horaire du bureau ({ $zone }).
statistics-received = Préoccupations reçues
statistics-on-time = Résolues dans notre délai
statistics-why-link = Pourquoi certains nombres ne sont pas affichés
statistics-by-category = Par catégorie
statistics-by-area = Par secteur
statistics-category = Catégorie
statistics-area = Secteur
statistics-total = Toutes les préoccupations
statistics-withheld = Ce tableau n’est pas affiché : il y a trop peu de préoccupations pour le montrer sans que quelqu’un puisse être reconnu.
statistics-commitments = Nos engagements publics
statistics-commitments-lede = Les promesses faites à la population et publiées, closes pendant les mêmes mois, et celles encore ouvertes aujourd’hui.
statistics-kept = Tenus
statistics-dropped = Abandonnés
statistics-closed = Tenus ou abandonnés
statistics-kept-on-time = Tenus à la date promise
statistics-open = Encore ouverts aujourd’hui
statistics-you-said = Voir chaque engagement : vous avez dit, nous avons fait
statistics-fewer = moins de { $n }
statistics-hidden = non affiché
statistics-percent = { $p } %
statistics-at-least = au moins { $p } %
statistics-at-most = au plus { $p } %
statistics-too-few = trop peu pour le dire
statistics-other-categories = Autres catégories
statistics-no-area = Aucun secteur indiqué
statistics-why-title = Pourquoi certains nombres ne sont pas affichés
statistics-why = Pour que personne ne puisse être reconnu à partir de ces chiffres, nous n’affichons jamais un nombre inférieur à { $n } : un tel groupe apparaît comme « moins de { $n } » (ce qui peut aussi vouloir dire aucun).
statistics-why-hidden = Quand le total et les autres nombres permettraient de retrouver un petit nombre par soustraction, un autre nombre est lui aussi « non affiché » ; il vaut { $n } ou plus.
statistics-why-shares = Une part n’est calculée qu’à partir d’assez de préoccupations, et quand seules quelques-unes ont été résolues en retard (ou à temps), elle est donnée sous la forme « au moins » ou « au plus ».
statistics-why-other = Les catégories que nous ne proposons pas sur ce portail, et les catégories sensibles qui comptent peu de préoccupations, sont comptées ensemble sous « Autres catégories ».
statistics-span = du { $from } au { $to }
