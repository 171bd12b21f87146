# Ce que refusent les opérations des rencontres (aussi sur le portail, à l'inscription).
error-venue-or-link = Indiquez l'adresse du lieu, ou un lien pour participer en ligne.
error-link = Saisissez un lien qui commence par https:// (sans espaces).
error-capacity-below-registrations = Plus de personnes ont déjà une place : libérez des places d'abord, ou proposez-en davantage.
error-engagement-over = Cette rencontre est déjà terminée.
error-engagement-cancelled = Cette rencontre a été annulée.
error-publish-needs-public = Seule une rencontre que tout le monde peut voir peut être publiée sur le portail.
error-already-checked-in = Arrivée déjà enregistrée.
error-not-now = Ce n'est pas possible pour le moment.
