# API keys of Open311 clients (administration).
# Liaison — English (complete).

admin-api-keys = API keys
api-keys-explain = Open311 apps and other systems submit concerns with a key issued here. Each key names its client, so the audit trail shows who sent what; revoke a key and its client is refused from then on.
api-keys-issue = Issue a key
api-keys-client = Client
api-keys-issued = Key issued to { $client }
api-keys-copy-now = Copy it now and give it to the client: it is shown only this once.
api-keys-none = No keys have been issued yet.
api-keys-ends-with = Ends with
api-keys-issued-at = Issued
api-keys-last-used = Last used
api-keys-state = State
api-keys-never = never
api-keys-revoke = Revoke
api-keys-revoked-at = Revoked { $when }
