# Open311 (answers to client software, in English).
# Liaison — English (complete).

## Open311 (answers to client software, in English)
open311-not-found = No such service, request, token or endpoint.
open311-api-key = A valid api_key is required to submit requests. Keys are issued by the office's administrators.
error-url = Give a web address starting with https:// or http://, without spaces.
open311-contact = Ask the office's administrators for help with this interface.
open311-key-service = API keys are issued by the office's administrators.
error-location = Give a location: lat and long, address_string or address_id.
error-datetime = This is not an ISO 8601 date and time.

## JSON API
open311-too-large = The request is larger than this server accepts.
open311-malformed = The request body cannot be read as a form.
