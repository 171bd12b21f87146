# The page frame: navigation, footer, languages.
# Liaison — English (complete).

## Layout
skip-to-content = Skip to content
nav-label = Main
nav-concerns = Concerns
nav-search = Search
nav-record = Record a concern
nav-admin = Administration
sign-out = Sign out
languages = Languages
footer-text = Liaison — community liaison office
staff-sign-in = Staff sign-in
back-home = Back to the start page

## Words
language-en = English
language-es = Spanish
language-fr = French
