# Liaison — English (complete). Keys are grouped by page; error keys come from validation.

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
errors-title = Please correct the following
error-summary-item = { $field } — { $message }
title-error-prefix = Error:
required = required
choose = Choose…
choose-optional = Choose (optional)
any = Any
yes = Yes
no = No
save = Save
saved = Saved.
unassigned = Unassigned
overdue = Overdue
timeline = Timeline

## Time
span-days = { $n } days
span-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
span-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
deadline-left = { $span } left
deadline-overdue = overdue by { $span }
deadline-paused = clock stopped: waiting for the reporter
deadline-met = met

## Portal
portal-title = Raise a concern with us
portal-lede = Tell us about a problem, a complaint, a grievance or a question. We will acknowledge it and keep you informed until it is resolved.
portal-report = Raise a concern
portal-track = Follow a concern
portal-how-title = How it works
portal-how-1 = Choose what your concern is about and describe it.
portal-how-2 = You receive a reference and a private tracking code.
portal-how-3 = Use the code at any time to see where your concern stands and our updates.
portal-choose-title = What is your concern about?
portal-choose-lede = Choose the closest match. If nothing fits, choose the general one.
portal-no-categories = The office is not taking concerns online yet. Please contact it directly.
portal-change-category = Choose another topic
portal-description-hint = What happened, where and when, and who is affected. Please do not include other people's private details.
portal-where = Where (optional)
portal-visibility = Who may read your description
portal-visibility-private = Only the liaison office (recommended)
portal-visibility-public = The public too, without your name or contact details
portal-about-you = About you
portal-anonymous = I want to stay anonymous
portal-name-hint = Required unless you stay anonymous.
portal-submit = Send my concern
privacy-title = Your privacy
privacy-contact = Your name and contact details are seen only by the liaison office staff who handle your concern. They are never published.
privacy-anonymous = If you stay anonymous we store nothing that identifies you: not your name, not your address, not your device. Keep your tracking code: it is the only way to follow your concern.
receipt-title = Thank you, we have received your concern
receipt-reference = Your reference is { $reference }.
receipt-code-title = Your tracking code
receipt-code-keep = Write this code down or take a picture of it now. It will not be shown again, and it is the only way to follow your concern if you stayed anonymous.
track-lede = Enter the tracking code you received when you raised your concern.
field-tracking-code = Tracking code
track-code-hint = The letters and digits on your receipt, for example 1A-ABCD-EFGH-JKMN-PQRS.
track-submit = Show my concern
track-not-found = We found no concern with this code. Check the code and try again.
track-aim = We aim to resolve it by
track-waiting = We are waiting for information from you. Please contact the office.
track-duplicate = This concern is handled together with concern { $reference }.
track-another = Follow another concern

## Statuses
status-received = Received
status-acknowledged = Acknowledged
status-in_progress = In progress
status-awaiting_reporter = Waiting for the reporter
status-escalated = Escalated
status-resolved = Resolved
status-closed = Closed
status-withdrawn = Withdrawn
status-rejected = Not taken up
status-received-explain = We have received your concern and will acknowledge it shortly.
status-acknowledged-explain = We have looked at your concern and will work on it.
status-in_progress-explain = We are working on your concern.
status-awaiting_reporter-explain = We need information from you before we can go on.
status-escalated-explain = Your concern has been passed to a senior officer.
status-resolved-explain = We consider your concern resolved. Contact us if you disagree.
status-closed-explain = Your concern is closed.
status-withdrawn-explain = Your concern was withdrawn.
status-rejected-explain = We cannot take this concern up. The reason is shown below.

## Timeline
event-received = Concern received
event-status-changed = Status changed to { $status }
event-assigned = Assigned to { $name }
event-unassigned = Unassigned
event-note = Internal note
event-update = Update to the reporter
event-duplicate-cleared = No longer marked as a duplicate
event-public = seen by the reporter
event-internal = staff only
actor-resident = Reporter
actor-system = Liaison

## Sign-in and account
sign-in-title = Staff sign-in
sign-in = Sign in
field-password = Password
account-title = Your account
account-password-title = Change your password
account-password-hint = At least 8 characters. Changing it signs you out everywhere.
account-password-submit = Change password
field-current-password = Current password
field-new-password = New password
field-confirm-password = New password again

## Fields
field-name = Name
field-your-name = Your name
field-email = Email
field-phone = Phone
field-language = Preferred language
field-role = Role
field-description = Description
field-area = Area
field-address = Address or place
field-lat = Latitude
field-lng = Longitude
field-point = Map point
field-category = Category
field-status = Status
field-priority = Priority
field-channel = Channel
field-confidentiality = Confidentiality
field-reference = Reference
field-received = Received
field-deadline = Deadline
field-assignee = Assigned to
field-ack-due = Acknowledge by
field-resolve-due = Resolve by
field-duplicate-of = Duplicate of
field-active = Active
field-code = Code
field-category-description = Description for residents
field-ack-target = Target to acknowledge
field-resolve-target = Target to resolve
field-unit = Counted in
field-default-priority = Default priority
field-public = On the portal
field-public-hint = Offer this category on the public portal
field-office-name = Office name
field-time-zone = Time zone
time-zone-hint = An IANA time zone such as Africa/Johannesburg or Europe/Paris.
field-working-days = Working days
field-work-start = Working day starts
field-work-end = Working day ends
field-question = Question
field-kind = Kind of answer
field-help = Help text
field-choices = Choices
choices-hint = One choice per line.

## Words
priority-low = Low
priority-normal = Normal
priority-high = High
priority-urgent = Urgent
confidentiality-public = Public
confidentiality-restricted = Restricted
confidentiality-confidential = Confidential
channel-portal = Portal
channel-phone = Phone
channel-walk_in = Walk-in
channel-email = Email
channel-letter = Letter
channel-social_media = Social media
channel-meeting = Meeting
channel-field = Field visit
channel-api = Open311 or API
role-administrator = Administrator
role-supervisor = Supervisor
role-officer = Officer
role-partner = Partner agency
role-viewer = Viewer
role-explain-administrator = Configures the office, categories, areas and users; sees everything.
role-explain-supervisor = Assigns work, handles escalations, sees every concern including confidential ones.
role-explain-officer = Records and handles concerns; sees confidential concerns only when assigned to them.
role-explain-partner = An outside agency: sees and works only on concerns assigned to it.
role-explain-viewer = Reads public and restricted concerns; changes nothing and never sees who reported.
language-en = English
language-es = Spanish
language-fr = French
unit-working_hours = working hours
unit-calendar_days = calendar days
kind-short_text = Short text
kind-long_text = Long text
kind-number = Number
kind-date = Date
kind-single_choice = One choice
kind-multiple_choice = Several choices
sort-newest = Newest first
sort-oldest = Oldest first
sort-due = Deadline first
sort-priority = Most urgent first
sort-updated = Recently changed
action-acknowledge = Acknowledge
action-start = Start work
action-await_reporter = Wait for the reporter
action-resume = Reporter answered: resume
action-escalate = Escalate to a supervisor
action-return_to_handling = Return for handling
action-resolve = Resolve
action-close = Close
action-reopen = Reopen
action-withdraw = Withdrawn by the reporter
action-reject = Reject
day-1 = Monday
day-2 = Tuesday
day-3 = Wednesday
day-4 = Thursday
day-5 = Friday
day-6 = Saturday
day-7 = Sunday

## Queues
queue-title = Concerns
queue-views = Queues
view-open = Open
view-mine = Mine
view-unassigned = Unassigned
view-overdue = Overdue
view-due-soon = Due within a day
view-all = All
queue-filters = Filter concerns
queue-search = Search
queue-received-from = Received from
queue-received-to = Received to
queue-sort = Order
queue-apply = Apply
queue-clear = Clear filters
queue-go-to = Go to reference
queue-go = Go
queue-empty = No concerns match.
pager = Pages
pager-first = First page
pager-next = Next page
pager-older = Older entries

## Concern page
facts-title = Details
reporter-title = Reporter
reporter-anonymous = Reported anonymously: nothing identifying was stored.
reporter-hidden = Your role does not show who reported this concern.
act-title = Next step
act-action = Step
act-note = Note
act-note-hint = Required to escalate, reopen or reject. A rejection's reason is shown to the reporter.
act-submit = Apply
assign-title = Assignment
assign-submit = Assign
note-title = Add a note or an update
note-body = Text
note-who-sees = Who sees it
note-internal = Staff only (internal note)
note-public = The reporter too (public update)
note-submit = Add
duplicate-title = Duplicate
duplicate-of = Duplicate of (reference)
duplicate-hint = The reporter is told which concern this one is handled with. Leave empty to clear.
duplicate-submit = Save
done-status = The status was changed.
done-assigned = The assignment was saved.
done-noted = The note was added.
done-duplicate = The duplicate link was saved.

## Intake
intake-title = Record a concern
intake-continue = Continue
intake-anonymous = The reporter wants to stay anonymous (nothing identifying will be stored)
intake-submit = Record concern
intake-name-hint = Required unless the reporter stays anonymous.
recorded-title = Concern { $reference } recorded
recorded-code-hint = Give this tracking code to the reporter now: it is shown only once.
recorded-open = Open the concern
recorded-another = Record another

## Administration
admin-office = Office
admin-areas = Areas
admin-categories = Categories
admin-users = Users
admin-audit = Audit trail
areas-add = Add area
areas-none = No areas yet.
categories-add = Add category
categories-none = No categories yet.
questions-title = Intake questions
questions-none = No questions: residents only describe their concern.
question-add = Add question
question-up = Move up
question-down = Move down
question-remove = Remove
question-required = An answer is required
users-add = Add user
users-password-hint = At least 8 characters. Give it to the user; they can change it.
users-password-reset-hint = Leave empty to keep the current password. A new password signs the user out everywhere.
users-active = Active (untick to disable the account and end its sessions)
roles-title = Roles
audit-lede = Every change, by staff, residents and the system, newest first. Entries cannot be edited or deleted.
audit-when = When
audit-who = Who
audit-what = What
audit-record = Record
audit-changes = Changes

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
error-email-taken = An account with this email already exists.
error-phone = Enter a phone number with 5 to 20 digits.
error-coordinates = Enter a latitude between -90 and 90 and a longitude between -180 and 180.
error-choice = Choose one of the options offered.
error-category = Choose a category.
error-number = Enter a number.
error-date = Enter a date as YYYY-MM-DD.
error-one-answer = Give one answer only.
error-time = Enter a time as HH:MM.
error-time-zone = Enter a time zone such as Africa/Johannesburg.
error-working-days = Choose at least one working day.
error-end-before-start = The working day must end after it starts.
error-target-range = Enter a whole number from 1 to 730.
error-code = Use 1 to 40 lower-case letters, digits or _, starting with a letter.
error-code-taken = This code is already used.
error-name-taken = This name is already used.
error-choices = Each choice needs a name of at most 200 characters.
error-choices-repeated = Two choices have the same name.
error-too-many-questions = A category can have at most 30 questions.
error-password-short = Use at least 8 characters.
error-password-common = This password is too common. Choose another.
error-password-mismatch = The two passwords differ.
error-password-wrong = This is not your current password.
error-own-account = You cannot disable your own account or remove your own administrator role.
error-sign-in = The email or password is wrong.
error-not-now = This step is not possible in the concern's current status.
error-reason-required = Say why in the note.
error-reference-unknown = No concern you can see has this reference.
error-duplicate-self = A concern cannot duplicate itself or a concern that duplicates it.
error-cursor = This page link is broken; start from the first page.
error-not-empty = This database already holds an office: the demo loads only into an empty one.

## Open311 (answers to client software, in English)
open311-not-found = No such service, request, token or endpoint.
open311-api-key = A valid api_key is required to submit requests. Keys are issued by the office's administrators.
error-url = Give a web address starting with https:// or http://, without spaces.
open311-contact = Ask the office's administrators for help with this interface.
open311-key-service = API keys are issued by the office's administrators.
error-location = Give a location: lat and long, address_string or address_id.
error-datetime = This is not an ISO 8601 date and time.

## API keys (administration)
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
actor-client = Open311 client

## Attachments (portal and staff)
portal-photo = Add a photo (optional)
portal-photo-hint = Up to { $count } photos (JPEG, PNG, WebP or GIF) of at most { $size } each. We remove the location, the camera's details and any comments from photos before keeping them.
portal-photo-again = Photos are not kept when the form has errors: please choose them again.
field-photo = Photo
field-attachment = Files
size-bytes = { $n } bytes
size-kb = { $n } KB
size-mb = { $n } MB
attachment-hint = Photos (JPEG, PNG, WebP or GIF) or PDF documents, up to 3 at a time. Location and camera details are removed from photos.
attachment-again = Files are not kept when the form has errors: choose them again.
attachments-title = Attachments
attachments-none = No photos or documents yet.
attachment-alt = Photo: { $name }
attachment-public = shown with the public concern
attachment-make-public = Show with the concern when it is public (the public address and Open311)
attachment-submit = Attach
event-attached = File attached: { $name }
done-attached = The files were attached.
file-kind-jpeg = JPEG photo
file-kind-png = PNG image
file-kind-webp = WebP image
file-kind-gif = GIF image
file-kind-pdf = PDF document
file-kind-other = File
error-file-empty = This file is empty.
error-file-too-large = This file is too large. Choose a smaller one.
error-file-type = Attach a photo (JPEG, PNG, WebP or GIF) or a PDF document.
error-photo-type = Attach a photo: JPEG, PNG, WebP or GIF.
error-file-mismatch = This file's content does not match its type. Save it again as a photo and try again.
error-file-damaged = This file is damaged and cannot be read.
error-too-many-files = Attach at most 3 files at a time.
error-file-required = Choose a file to attach.
error-too-large-title = Too large
error-too-large = What you sent is larger than we accept, so nothing was saved. Go back and attach fewer or smaller files.
error-bad-form-title = The form could not be read
error-bad-form = What was sent is not a form we can read, so nothing was saved. Go back, reload the page and try again.

## JSON API
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
open311-too-large = The request is larger than this server accepts.
open311-malformed = The request body cannot be read as a form.
api-idempotency-in-flight = A request with this Idempotency-Key is still being handled; try again in a moment.

# Command line
# A value given to `liaison` that was not accepted. { $given } is the option as typed with
# what was given (a password by its length only); { $reason } says why and what is accepted.
cli-refused = { $given } was not accepted. { $reason }
cli-password-given = --password of { $length ->
        [one] one character
       *[other] { $length } characters
    }
cli-password-short = Use at least { $min } characters.
cli-password-long = Use at most { $max } characters.
cli-roles = Choose one of the roles: { $roles }.
cli-days = Give a whole number of days from 1 to { $max }, or leave --days out for a token that never expires.
cli-api-key-unknown = No live API key has this id or client name. The live keys are: { $keys }.
cli-api-key-none = No live API key has this id or client name: there are none.
cli-from-missing = There is no folder there ({ $reason }). Give a folder written by liaison backup or liaison export.
cli-from-unreadable = This folder cannot be read ({ $reason }). Give a folder written by liaison backup or liaison export.
cli-from-file = This is a file. Give a folder written by liaison backup or liaison export.
cli-from-no-manifest = It holds no manifest.json, so it is not a folder written by liaison backup or liaison export, or one that was not finished.
cli-to-file = This is a file. Give a new folder, or an empty one.
cli-to-not-empty = This folder is not empty. Give a new folder, or an empty one.
cli-folder-unwritable = The folder cannot be created there: { $reason }.
cli-listen-in-use = Another program listens there ({ $reason }): stop it, or choose another address or port.
cli-listen-failed = Nothing can listen there: { $reason }.
cli-database-url = Give sqlite://PATH or postgres://USER@HOST:PORT/DATABASE.
cli-database-url-unreadable = It cannot be read ({ $reason }). Give sqlite://PATH or postgres://USER@HOST:PORT/DATABASE.
# Whole lines after "error: ", so they start in lower case.
cli-postgres-unreachable = cannot connect to the PostgreSQL server at { $address }: { $reason }. Check that it runs and accepts connections there, or correct --database-url.
cli-postgres-silent = cannot connect to the PostgreSQL server at { $address }: it did not answer within { $seconds } seconds. Check that it runs there, or correct --database-url.
cli-postgres-refused = the PostgreSQL server at { $address } refused the connection: { $reason }. Correct --database-url, or ask its administrator.
cli-sqlite-unopenable = cannot open the SQLite database { $file }: { $reason }. Check --data-dir or --database-url.

# Search across every kind of record
search-title = Search
search-label = Find records
search-hint = Words from a concern, a person's name, or a reference such as C-2026-00042. Only records you may see are found.
search-button = Search
search-none = Nothing you may see matches.
search-kind-concern = Concerns
search-kind-category = Categories
search-kind-area = Areas
search-more-concern = All matching concerns
search-more-category = All categories
search-more-area = All areas

# Text in several languages
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
