# The engagement log: interactions, follow-ups, task lists, who was not contacted lately.
nav-interactions = Interactions
nav-tasks = My tasks

interactions-title = Interactions
interactions-none = No interactions match.
interactions-from = From
interactions-to = To
interaction-log = Log an interaction
interaction-edit = Change this interaction
interaction-about = What happened
interaction-participants = Who took part
interaction-participants-hint = Each a name as the register holds it, or a number such as #12.
interaction-hidden = and { $count } you may not see
interaction-attitude = Attitude observed

interaction-kind-meeting = Meeting
interaction-kind-call = Call
interaction-kind-visit = Visit
interaction-kind-email = Email
interaction-kind-letter = Letter
interaction-kind-message = Message
interaction-kind-social_media = Social media
interaction-kind-chance_encounter = Chance encounter

interaction-line-created = Logged
interaction-line-changed = Changed: { $fields }
interaction-line-follow_up_done = Follow-up done: { $what }
interaction-line-follow_up_reopened = Follow-up opened again: { $what }

field-interaction-kind = Kind of contact
field-happened-on = Day it happened
field-summary = Summary
field-people = People
field-organizations = Organizations
field-officers = Officers
field-topics = Topics
field-topic = Topic
field-follow-up = Follow-up
field-follow-up-owner = Owner
field-follow-up-due-on = Due on

follow-ups-title = Follow-ups
follow-ups-none = No follow-ups.
follow-ups-hint = What was promised, who does it and by when. Rows left empty are skipped.
follow-up-add = Add a follow-up
follow-up-done = Mark done
follow-up-reopen = Open again
follow-up-due = due { $day }
follow-up-standing-overdue = Overdue
follow-up-standing-due_today = Due today
follow-up-standing-open = Upcoming
follow-up-standing-done = Done

tasks-title = My tasks
tasks-no-follow-ups = No open follow-ups are yours.
tasks-concerns = My open concerns
tasks-no-concerns = No open concerns are assigned to you.
tasks-all-concerns = All my concerns

not-contacted-title-person = Key people not contacted lately
not-contacted-title-organization = Key organizations not contacted lately
not-contacted-intro = Those assessed with high influence whom nobody has met, called or written to for this many days; never contacted first.
not-contacted-days = Days without contact
not-contacted-last = Last contacted
not-contacted-none = Every key stakeholder was contacted within these days.

timeline-show = Show
timeline-show-all = Everything
timeline-show-interactions = Interactions
timeline-show-concerns = Concerns
timeline-show-changes = Changes
timeline-empty = Nothing yet.
timeline-older = Older entries
timeline-concern = Concern

stakeholder-last-contacted = Last contacted on { $day }.
stakeholder-never-contacted = Never contacted.
stakeholder-link-concern = Link a concern they raised
stakeholder-link-concern-hint = Its reference, such as C-2026-00042. Anonymous reports cannot be linked to anyone.
stakeholder-link-concern-button = Link the concern
stakeholder-unlink-concern = Remove the link

error-future-day = This day has not come yet.
error-past-day = This day has passed.
error-anonymous = This concern was reported anonymously: it cannot be linked to anyone.

# Interactions and follow-ups are kinds of record the search box may one day list.
search-kind-interaction = Interactions
search-more-interaction = All matching interactions
search-none-recent-interaction = No interaction among those searched matches.
search-recent-only-interaction = Only some interactions were searched.
search-older-interaction = Search further
search-kind-follow_up = Follow-ups
search-more-follow_up = All follow-ups
search-none-recent-follow_up = No follow-up among those searched matches.
search-recent-only-follow_up = Only some follow-ups were searched.
search-older-follow_up = Search further
