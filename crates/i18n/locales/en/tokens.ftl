# Personal access tokens of the JSON API (account page).
# Liaison — English (complete).

tokens-title = Personal access tokens
tokens-back = Back to your account
tokens-link = Personal access tokens for the API
tokens-explain = A personal access token lets a script or another system use Liaison's JSON API as you, with your role and nothing more. Keep it secret; revoke it when it is no longer needed.
tokens-docs = How to use the API
tokens-create = Create a token
tokens-name = What it is for
tokens-days = Days until it expires
tokens-days-hint = Leave empty for a token that does not expire; at most 366.
tokens-created = Token "{ $name }" created
tokens-copy-now = Copy it now: it is shown only this once.
tokens-yours = Your tokens
tokens-none = You have no tokens yet.
tokens-expires = Expires
tokens-never-expires = Never
error-user-unknown = No active account has this email.
