# Text in several languages.
# Liaison — English (complete).

texts-title = Translations
texts-hint = Residents read this category in the language they chose on the portal, and Open311 clients and the JSON API in the one they ask for. Write each text's version beside the English one. Where a box is empty, they read the English text, marked as English.
texts-areas-hint = Residents read area names in the language they chose where a name has a version in it; where a box is empty, they read the English name, marked as English.
texts-as-written = (as written)
texts-save = Save translations
texts-saved = Translations saved.
texts-name = Name
texts-description = Description
texts-question-label = Question { $n }
texts-question-help = Question { $n }, help
texts-question-choice = Question { $n }, choice { $choice }
portal-in-english = (in English)
portal-areas-in-english = Names without a translation are shown in English.
