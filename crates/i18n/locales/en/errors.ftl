# Error pages, and the field errors every feature shares.
# Liaison — English (complete).

## Error pages
error-not-found-title = Not found
error-not-found = There is nothing at this address, or you may not see it.
error-forbidden-title = Not allowed
error-forbidden = Your role does not allow this.
error-invalid-title = Something is wrong with the request
error-invalid = Please go back and check what you entered.
error-throttled-title = Too many attempts
error-throttled = Too many attempts. Please wait a minute and try again.
error-unavailable-title = Temporarily unavailable
error-unavailable = The service cannot reach its database right now. Please try again in a moment.
error-storage-full-title = Storage is full
error-storage-full = The server has run out of storage space, so nothing was saved. Pages can still be read. Please tell the office, and try again later.
error-overloaded-title = Too busy right now
error-overloaded = The service is handling more requests than it can right now, so this one was not started and nothing was saved. Please try again in a moment.
error-timeout-title = This took too long
error-timeout = The request took too long and was stopped. If you were sending something, check whether it arrived before sending it again.
error-internal-title = Something went wrong
error-internal = Something went wrong on our side. Nothing was saved. Please try again.
error-form-expired-title = This form has expired
error-form-expired = The page was open across a sign-in or sign-out, so its form was not accepted and nothing was changed. Go back, reload the page and submit it again.
error-cross-site-title = Submission refused
error-cross-site = This form was sent from another website, so it was refused and nothing was changed. Please use the form on this site.

## Field errors
error-required = This is required.
error-too-short = This is too short.
error-too-long = This is too long.
error-invalid-characters = This contains characters that are not allowed.
error-email = Enter an email address like name@example.org.
error-phone = Enter a phone number with 5 to 20 digits.
error-coordinates = Enter a latitude between -90 and 90 and a longitude between -180 and 180.
error-choice = Choose one of the options offered.
error-number = Enter a number.
error-date = Enter a date as YYYY-MM-DD.
error-one-answer = Give one answer only.
error-time = Enter a time as HH:MM.
error-name-taken = This name is already used.

## Attachments (portal and staff)
error-too-large-title = Too large
error-too-large = What you sent is larger than we accept, so nothing was saved. Go back and attach fewer or smaller files.
error-bad-form-title = The form could not be read
error-bad-form = What was sent is not a form we can read, so nothing was saved. Go back, reload the page and try again.
