# Le registre des engagements (le reste se rabat sur l’anglais).
nav-commitments = Engagements
