# The JSON API: its problems and its documentation page.
# Liaison — English (complete).

api-not-found = No such record, or not one you may see.
api-forbidden = Your role does not allow this.
api-invalid = Some fields need changing; each is listed with what to change.
api-unauthorized = Send a valid personal access token as "Authorization: Bearer …". Create one on your account page.
api-json-expected = Send the body as application/json.
api-malformed = The body is not a JSON object.
api-idempotency-reused = This Idempotency-Key was already used for a different request.
error-type = This field has the wrong type of value.
api-docs-title = Liaison API
api-docs-lede = Everything staff do in Liaison can be done over this JSON API, with the same rules about who may see and change what.
api-docs-openapi = The OpenAPI 3.1 description (openapi.json)
api-docs-auth = Signing in
api-docs-auth-text = Create a personal access token on your account page and send it with every request as "Authorization: Bearer" followed by the token. It acts with your role. Revoke it there when it is no longer needed.
api-docs-operations = Operations
api-docs-method = Method
api-docs-path = Path
api-docs-what = What it does
api-docs-problems = Errors
api-docs-problems-text = Errors are application/problem+json with one of these codes, and for invalid input, the fields at fault. A POST sent again with the same Idempotency-Key header is answered with the first answer and changes nothing.
api-idempotency-in-flight = A request with this Idempotency-Key is still being handled; try again in a moment.
