# Concerns: statuses, timelines, deadlines, queues, the concern page, staff intake.
# Liaison — English (complete).

## Layout
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
event-reply = Reply from the reporter
event-escalation-unacknowledged = Not acknowledged by its target: the escalation rules told the supervisors
event-escalation-overdue = Unresolved past its target: escalated by the category's rules
concern-replied = The reporter answered on { $when }: read it on the timeline, then answer them or act.
event-duplicate-cleared = No longer marked as a duplicate
event-public = seen by the reporter
event-internal = staff only
actor-resident = Reporter
actor-system = Liaison

## Fields
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
queue-searched-recent = A search reads the most recent concerns first, part of the history at a time: these are all the matches among those it read. Older concerns may match too.
queue-search-older = Search older concerns
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

## Field errors
error-category = Choose a category.
error-not-now = This step is not possible in the concern's current status.
error-reason-required = Say why in the note.
error-reference-unknown = No concern you can see has this reference.
error-duplicate-self = A concern cannot duplicate itself or a concern that duplicates it.
error-cursor = This page link is broken; start from the first page.

## API keys (administration)
actor-client = Open311 client

# The reporter's satisfaction (templates/staff/concern.html).
satisfaction-title = The reporter's satisfaction
satisfaction-staff-hint = What the reporter said, by phone, at a visit or a meeting, about how their concern was handled. Reports count these answers with those given on the tracking page.
satisfaction-question-staff = Are they satisfied with how it was handled?
satisfaction-yes = Yes
satisfaction-no = No
field-satisfaction-via = They said it
via-phone = By phone
via-visit = At a visit
via-meeting = At a meeting
via-email = By email
field-satisfaction-reason = Why, in their words
satisfaction-record = Record their answer
done-satisfaction = Their answer was recorded.
event-satisfied = The reporter is satisfied
event-dissatisfied = The reporter is not satisfied

# Appeals (templates/staff/concern.html, crates/app/src/appeals.rs).
status-appealed = Under appeal
status-appealed-explain = You appealed the decision. Someone who did not take it is reviewing it.
action-appeal = Appeal the decision
action-uphold = Appeal reviewed: the decision stands
action-overturn = Appeal reviewed: look into it again
appeals-title = Appeals
appeal-lodged = Appealed on { $when }
appeal-decision = Decision appealed
appeal-outcome = Outcome
appeal-outcome-uphold = The decision stands
appeal-outcome-overturn = Looked into again
appeal-review-by = Review due by
appeal-not-yours = You took the decision appealed: someone else reviews it.
appeal-staff-hint = The reporter may appeal the decision until { $until }. Record an appeal they made by phone, at a visit, a meeting or by email.
field-appeal-via = They appealed
field-appeal-grounds = Their grounds, in their words
field-grounds = Grounds
appeal-record = Record the appeal
done-appealed = The appeal was recorded, and the reporter told.
error-appeal-not-now = This decision cannot be appealed now: the appeal window has closed, or the decision was appealed already.
error-appeal-own-decision = You took the decision appealed: someone else must review the appeal.
via-portal = On the tracking page

# Sensitive categories and complaints against staff (templates/staff/admin_category.html,
# templates/staff/concern.html).
team-title = Sensitive category
team-explain = The concerns of a sensitive category (harassment, gender-based violence, a complaint against staff) are read by its team alone: not by other supervisors or administrators. They are taken in confidential and given only to the team's members.
team-sensitive = This category is sensitive: only its team sees its concerns
field-team = Its team
team-save = Save
error-team-required = Name at least one member of the team.
about-staff-title = About a member of staff
about-staff-hint = When the concern is about someone on the staff, that person never sees it, and it is taken from them if they hold it.
field-about-staff = It is about
field-staff = It is about
about-staff-none = No one on the staff
about-staff-save = Save
done-about = Saved: the person it is about no longer sees it.
