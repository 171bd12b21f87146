# The stakeholder register: people and organizations.
# Liaison — français (portail public ; le reste se replie sur l'anglais).

nav-stakeholders = Parties prenantes
stakeholders-register = Le registre des parties prenantes
stakeholders-title-person = Personnes
stakeholders-title-organization = Organisations
stakeholders-add-person = Ajouter une personne
stakeholders-add-organization = Ajouter une organisation
stakeholders-search-hint = Un nom, une étiquette, une adresse e-mail ou un numéro de téléphone, écrit de n'importe quelle façon.
stakeholders-none = Aucune correspondance parmi ce que vous pouvez voir.
stakeholders-newest-first = Résultats, les plus récemment ajoutés en premier.
stakeholders-by-name = Par ordre de nom.

stakeholder-edit = Modifier les informations
stakeholder-about = À propos
stakeholder-contacts = Moyens de contact
stakeholder-contacts-hidden = Votre rôle ne donne pas accès aux coordonnées.
stakeholder-contacts-none = Aucune coordonnée pour l'instant.
stakeholder-preferred = à privilégier
stakeholder-preferred-first = Le premier est celui à privilégier. Laissez un champ vide pour le supprimer.
stakeholder-interpreter = Un interprète est nécessaire
stakeholder-interpreter-needed = a besoin d'un interprète
stakeholder-language-hint = Un code de langue comme so (somali), pt-BR ou ase (langue des signes américaine).
stakeholder-tags-hint = Séparez les étiquettes par des virgules, par exemple : directeur d'école, jeunesse.
stakeholder-no-owner = Personne en particulier
stakeholder-analysis = Analyse
stakeholder-not-assessed = Non évalué
stakeholder-timeline = Historique
stakeholder-duplicates = Déjà dans le registre ?
stakeholder-not-a-duplicate = Il s'agit de quelqu'un d'autre : l'ajouter quand même
error-likely-duplicate = Le registre contient déjà des fiches avec le même téléphone, la même adresse e-mail ou le même nom (listées ci-dessus). Ouvrez l'une d'elles, ou confirmez qu'il s'agit de quelqu'un d'autre.
error-too-many = Trop d'entrées.
error-language-tag = Saisissez un code de langue comme en, so, pt-BR ou ase.

stakeholder-line-created = Ajout au registre
stakeholder-line-changed = Informations modifiées : { $fields }
stakeholder-line-influence = Influence
stakeholder-line-interest = Intérêt
stakeholder-line-attitude = Attitude

field-addressed-as = Appellation souhaitée
field-organization-type = Type d'organisation
field-phones = Téléphones
field-emails = Adresses e-mail
field-addresses = Adresses
field-accessibility = Besoins d'accessibilité
field-interpreter = Interprète
field-areas = Quartiers
field-tags = Étiquettes
field-tag = Étiquette
field-notes = Notes
field-owner = Suivi par
field-influence = Influence
field-interest = Intérêt
field-attitude = Attitude
field-not-a-duplicate = Quelqu'un d'autre

assessed-low = Faible
assessed-medium = Moyen
assessed-high = Élevé
assessed-supportive = Favorable
assessed-leaning_supportive = Plutôt favorable
assessed-neutral = Neutre
assessed-leaning_opposed = Plutôt défavorable
assessed-opposed = Défavorable

organization-type-community_group = Groupe communautaire
organization-type-residents_association = Association d'habitants
organization-type-business = Entreprise
organization-type-school = Établissement scolaire
organization-type-faith_group = Groupe religieux
organization-type-ngo = ONG ou association caritative
organization-type-government_agency = Organisme public
organization-type-media = Média
organization-type-health_provider = Structure de santé
organization-type-other = Autre

search-kind-person = Personnes
search-kind-organization = Organisations
search-more-person = Toutes les personnes correspondantes
search-more-organization = Toutes les organisations correspondantes
search-none-recent-person = Aucune des personnes parcourues ne correspond.
search-none-recent-organization = Aucune des organisations parcourues ne correspond.
search-recent-only-person = La recherche n'a porté que sur une partie des personnes.
search-recent-only-organization = La recherche n'a porté que sur une partie des organisations.
search-older-person = Poursuivre la recherche
search-older-organization = Poursuivre la recherche

grid-title = Influence et intérêt
grid-explain = Combien de parties prenantes se trouvent à chaque niveau d'influence et d'intérêt. Ouvrez une case pour les afficher.
grid-caption = combien se trouvent à chaque niveau d'influence (lignes) et d'intérêt (colonnes)
grid-unassessed = { $count } pas encore évaluées.
quadrant-manage_closely = Suivre de près
quadrant-keep_satisfied = Garder satisfaites
quadrant-keep_informed = Tenir informées
quadrant-monitor = Surveiller
