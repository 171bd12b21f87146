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
