# Lettres que Liaison envoie par courriel (crates/mail/src/letters.rs).
mail-acknowledged-subject = Nous avons reçu votre signalement { $reference }
mail-acknowledged-body = Merci de nous l’avoir signalé. Votre signalement porte la référence { $reference }. Nous allons l’examiner et vous écrirons à chaque étape.
mail-tracking-code = Votre code de suivi :
mail-tracking-how = Conservez ce code : il vous permet de suivre votre signalement sur notre page de suivi, de lire nos nouvelles et d’y répondre.
mail-tracking-link = Suivre votre signalement
mail-update-subject = Du nouveau sur votre signalement { $reference }
mail-update-intro = Nous avons du nouveau sur votre signalement { $reference } :
mail-waiting-subject = Nous avons besoin de vous au sujet de { $reference }
mail-waiting-intro = Pour poursuivre le traitement de votre signalement { $reference }, nous avons besoin de ceci :
mail-answer-how = Vous pouvez répondre sur notre page de suivi avec votre code de suivi.
mail-resolved-subject = Votre signalement { $reference } est résolu
mail-resolved-intro = Nous avons résolu votre signalement { $reference }.
mail-rejected-subject = Votre signalement { $reference } n’a pas été retenu
mail-rejected-intro = Nous avons décidé de ne pas retenir votre signalement { $reference }, pour la raison suivante :
mail-footer = Ce message vous a été envoyé par { $office } parce que vous avez donné votre adresse électronique en faisant un signalement.
