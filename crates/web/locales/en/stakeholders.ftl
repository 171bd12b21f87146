# The stakeholder register: people and organizations.
# Liaison — English (complete).

nav-stakeholders = Stakeholders
stakeholders-register = The stakeholder register
stakeholders-title-person = People
stakeholders-title-organization = Organizations
stakeholders-add-person = Add a person
stakeholders-add-organization = Add an organization
stakeholders-search-hint = A name, a tag, an email address, or a phone number written any way.
stakeholders-none = No one you may see matches.
stakeholders-newest-first = Matches, most recently added first.
stakeholders-by-name = In order of name.

stakeholder-edit = Change details
stakeholder-about = About
stakeholder-contacts = How to reach them
stakeholder-contacts-hidden = Your role does not show contact details.
stakeholder-contacts-none = No contact details yet.
stakeholder-preferred = preferred
stakeholder-preferred-first = The first one is the preferred one. Leave a box empty to remove it.
stakeholder-interpreter = An interpreter is needed
stakeholder-interpreter-needed = needs an interpreter
stakeholder-language-hint = A language tag such as so (Somali), pt-BR or ase (American Sign Language).
stakeholder-tags-hint = Separate tags with commas, for example: school principal, youth.
stakeholder-no-owner = Nobody in particular
stakeholder-analysis = Analysis
stakeholder-not-assessed = Not assessed
stakeholder-timeline = Timeline
stakeholder-duplicates = Already in the register?
stakeholder-not-a-duplicate = This is someone else: add them anyway
error-likely-duplicate = The register already holds records with the same phone, email or name (listed above). Open one of them, or confirm that this is someone else.
error-too-many = Too many entries.
error-language-tag = Write a language tag such as en, so, pt-BR or ase.

stakeholder-line-created = Added to the register
stakeholder-line-changed = Details changed: { $fields }
stakeholder-line-influence = Influence
stakeholder-line-interest = Interest
stakeholder-line-attitude = Attitude

field-addressed-as = How they want to be addressed
field-organization-type = Type of organization
field-phones = Phones
field-emails = Email addresses
field-addresses = Addresses
field-accessibility = Accessibility needs
field-interpreter = Interpreter
field-areas = Areas
field-tags = Tags
field-tag = Tag
field-notes = Notes
field-owner = Kept by
field-influence = Influence
field-interest = Interest
field-attitude = Attitude
field-not-a-duplicate = Someone else

assessed-low = Low
assessed-medium = Medium
assessed-high = High
assessed-supportive = Supportive
assessed-leaning_supportive = Leaning supportive
assessed-neutral = Neutral
assessed-leaning_opposed = Leaning opposed
assessed-opposed = Opposed

organization-type-community_group = Community group
organization-type-residents_association = Residents' association
organization-type-business = Business
organization-type-school = School
organization-type-faith_group = Faith group
organization-type-ngo = NGO or charity
organization-type-government_agency = Government agency
organization-type-media = Media
organization-type-health_provider = Health provider
organization-type-other = Other

search-kind-person = People
search-kind-organization = Organizations
search-more-person = All matching people
search-more-organization = All matching organizations
search-none-recent-person = No one among those searched matches.
search-none-recent-organization = No organization among those searched matches.
search-recent-only-person = Only some people were searched.
search-recent-only-organization = Only some organizations were searched.
search-older-person = Search further
search-older-organization = Search further

grid-title = Influence and interest
grid-explain = How many stakeholders stand at each level of influence and interest. Open a cell to list them.
grid-caption = how many stand at each influence (rows) and interest (columns)
grid-unassessed = { $count } not assessed yet.
quadrant-manage_closely = Manage closely
quadrant-keep_satisfied = Keep satisfied
quadrant-keep_informed = Keep informed
quadrant-monitor = Monitor
