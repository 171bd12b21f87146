error-survey-choices = Donnez de 2 à 20 choix, un par ligne.
error-survey-scale = Donnez une échelle d’un nombre plus petit à un plus grand, entre 0 et 10.
error-survey-out-of-range = Choisissez un nombre de l’échelle.
error-survey-one-choice = Choisissez une seule réponse.
