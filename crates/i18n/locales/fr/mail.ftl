# Lettres que Liaison envoie par courriel (crates/mail/src/letters.rs).
mail-acknowledged-subject = Nous avons reçu votre préoccupation { $reference }
mail-acknowledged-body = Merci de nous en avoir fait part. Votre préoccupation porte la référence { $reference }. Nous allons l’examiner et vous écrirons à chaque étape.
mail-tracking-code = Votre code de suivi :
mail-tracking-how = Conservez ce code : il vous permet de suivre votre préoccupation sur notre page de suivi, de lire nos nouvelles et d’y répondre.
mail-tracking-link = Suivre votre préoccupation
mail-update-subject = Du nouveau sur votre préoccupation { $reference }
mail-update-intro = Nous avons du nouveau sur votre préoccupation { $reference } :
mail-waiting-subject = Nous avons besoin de vous au sujet de { $reference }
mail-waiting-intro = Pour poursuivre le traitement de votre préoccupation { $reference }, nous avons besoin de ceci :
mail-answer-how = Vous pouvez répondre sur notre page de suivi avec votre code de suivi.
mail-resolved-subject = Votre préoccupation { $reference } est résolue
mail-resolved-intro = Nous avons résolu votre préoccupation { $reference }.
mail-rejected-subject = Votre préoccupation { $reference } n’a pas été retenue
mail-rejected-intro = Nous avons décidé de ne pas retenir votre préoccupation { $reference }, pour la raison suivante :
mail-footer = Ce message vous a été envoyé par { $office } parce que vous avez donné votre adresse électronique en nous faisant part d’une préoccupation.
mail-satisfaction-ask = Êtes-vous satisfait de la façon dont nous l’avons traitée ? Dites-le-nous sur notre page de suivi, avec votre code de suivi, ou répondez à ce message.

# Recours (crates/mail/src/letters.rs).
mail-appeal-window = Si vous n’êtes pas d’accord avec cette décision, vous pouvez former un recours dans { $days ->
    [one] un jour
   *[other] { $days } jours
} sur notre page de suivi, avec votre code de suivi, ou en répondant à ce message. Une personne qui n’a pas pris la décision l’examinera.
mail-appeal-received-subject = Nous avons reçu votre recours sur { $reference }
mail-appeal-received-body = Nous avons reçu votre recours sur votre préoccupation { $reference }. Une personne qui n’a pas pris la décision l’examinera et vous écrira dans { $days ->
    [one] un jour
   *[other] { $days } jours
}.
mail-appeal-upheld-subject = L’examen de votre recours sur { $reference }
mail-appeal-upheld-intro = Nous avons examiné votre recours sur votre préoccupation { $reference }. La décision est maintenue, pour cette raison :
mail-appeal-overturned-subject = Votre recours sur { $reference } est accepté
mail-appeal-overturned-intro = Nous avons examiné votre recours sur votre préoccupation { $reference } et allons la reprendre. La personne qui l’a examiné a écrit :

# Rencontres : invitations et inscriptions.
mail-engagement-when = Quand
mail-engagement-where = Où
mail-engagement-open = Voir la réunion
mail-engagement-calendar = L’ajouter à votre agenda
mail-engagement-give-up = Libérer votre place si vous ne pouvez pas venir
mail-invitation-subject = Vous êtes invité : { $title }
mail-invitation-body = Nous aimerions vous accueillir à « { $title } ». Dites-nous si vous pouvez venir.
mail-invitation-answer = Répondre
mail-registered-subject = Votre place : { $title }
mail-registered-body = Vous avez une place à « { $title } ».
mail-waitlisted-subject = Sur liste d’attente : { $title }
mail-waitlisted-body = « { $title } » est complet : vous êtes sur sa liste d’attente. Si une place se libère, elle est à vous et nous vous écrivons.
mail-moved-up-subject = Une place pour vous : { $title }
mail-moved-up-body = Une place s’est libérée à « { $title } » : elle est à vous.
mail-called-off-subject = Annulé : { $title }
mail-called-off-body = « { $title } » du { $when } est annulé. Nous en sommes désolés.
mail-footer-invitation = Ce message vous est envoyé par { $office } parce que vous avez accepté d’être invité à ses réunions. Prévenez le bureau si vous ne le souhaitez plus.
mail-footer-registration = Ce message vous est envoyé par { $office } parce que vous vous êtes inscrit à l’une de ses réunions.
mail-moved-up-give-up = Si vous ne pouvez finalement pas venir, libérez votre place avec le lien de notre premier message, pour que quelqu’un d’autre puisse venir.
mail-survey-subject = Qu’en avez-vous pensé ? { $title }
mail-survey-body = Merci d’être venu à « { $title } ». Dites-nous ce que vous en avez pensé : quelques questions, quelques minutes. Vos réponses nous aident à faire mieux.
mail-survey-answer = Répondre au questionnaire
mail-footer-survey = Ce message vous est envoyé par { $office } parce que vous êtes venu à l’une de ses réunions et avez donné votre adresse e-mail. Le lien est le vôtre : il accepte une réponse.
