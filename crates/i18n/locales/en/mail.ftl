# Letters Liaison sends by email (crates/mail/src/letters.rs).
mail-acknowledged-subject = We received your concern { $reference }
mail-acknowledged-body = Thank you for telling us. Your concern has the reference { $reference }. We will look into it and write to you as it moves on.
mail-tracking-code = Your tracking code:
mail-tracking-how = Keep this code: with it you can follow your concern on our tracking page, read our updates and answer them.
mail-tracking-link = Follow your concern
mail-update-subject = News on your concern { $reference }
mail-update-intro = We have an update on your concern { $reference }:
mail-waiting-subject = We need something from you about { $reference }
mail-waiting-intro = To go on with your concern { $reference }, we need something from you:
mail-answer-how = You can answer on our tracking page with your tracking code.
mail-resolved-subject = Your concern { $reference } is resolved
mail-resolved-intro = We have resolved your concern { $reference }.
mail-rejected-subject = Your concern { $reference } was not taken up
mail-rejected-intro = We have decided not to take up your concern { $reference }, for this reason:
mail-footer = This message was sent by { $office } because you gave your email address when you raised a concern.

# The outbox, for administrators (templates/staff/admin_outbox.html).
admin-outbox = Outbox
outbox-explain = Every message Liaison sends waits here until the mail server has taken it. Messages a server refused for good, or that failed too often, can be sent again.
outbox-server = Mail goes out through { $server }.
outbox-from = It is sent as { $from }.
outbox-no-server = No mail server is set
outbox-no-server-explain = Messages wait here and nothing is lost: they go out once Liaison is started with a mail server (--smtp-url or LIAISON_SMTP_URL).
outbox-states = Messages by state
outbox-all = All
outbox-queued-count = Waiting ({ $count })
outbox-sent-count = Sent ({ $count })
outbox-failed-count = Failed ({ $count })
outbox-state-queued = Waiting
outbox-state-sent = Sent
outbox-state-failed = Failed
outbox-parked-jobs = Background jobs that stopped
outbox-parked-explain = These jobs failed too often and wait for you: try them again once what stopped them is mended.
outbox-job = Job
outbox-attempts = Attempts
outbox-answer = Last answer
outbox-retry = Try again
outbox-messages = Messages
outbox-none = No messages.
outbox-written = Written
outbox-to = To
outbox-subject = Subject
outbox-state = State
outbox-older = Older messages
outbox-language = Language
outbox-about = About
outbox-concern = The concern
outbox-text = Text

# Mail to the office (templates/staff/admin_office.html, the concern page).
field-mail-category = Category for mail to the office
mail-category-hint = Mail to the office's address that answers no letter becomes a concern in this category.
mail-category-first = The first active category

# Mail that cannot be taken (crates/mail/src/inbound.rs).
error-mail-too-large = The message is larger than 25 MiB.
error-mail-unreadable = This is not an email message.
error-mail-no-sender = The message names no sender.
error-mail-empty = The message says nothing.
error-mail-no-category = No category is active for mail to the office.

# Letters to staff (crates/mail/src/letters.rs).
mail-unacknowledged-subject = { $reference } was not acknowledged in time
mail-unacknowledged-body = Concern { $reference } ({ $category }) was not acknowledged by its target. Acknowledge it, or give it to someone who can.
mail-escalated-subject = { $reference } is escalated
mail-escalated-body = Concern { $reference } ({ $category }) is unresolved { $days ->
    [one] one working day
   *[other] { $days } working days
} past its target, and is escalated by the category's rules.
mail-open-concern = Open the concern
mail-footer-staff = This message was sent by Liaison for { $office } because of the escalation rules of the concern's category.

# A category's escalation rules (templates/staff/admin_category.html).
rules-title = Escalation and appeals
rules-explain = What Liaison does by itself when a concern of this category waits past its targets. Each rule acts once on a concern, on deadlines that pass after the rules are saved.
rules-tell-unacknowledged = Tell the supervisors by email when a concern is not acknowledged by its target
field-escalate-after-days = Escalate when unresolved this many working days past its target
rules-days-hint = From 0 to 90; leave empty never to escalate.
field-escalate-to = Escalate to
rules-to-supervisors = No one in particular: tell the supervisors
rules-save = Save the rules
error-escalation-days = Give a number of working days from 0 to 90, or leave it empty.
mail-satisfaction-ask = Are you satisfied with how we handled it? Tell us on our tracking page, with your tracking code, or answer this message.

# Appeals (crates/mail/src/letters.rs).
mail-appeal-window = If you disagree with this decision, you may appeal it within { $days ->
    [one] one day
   *[other] { $days } days
} on our tracking page, with your tracking code, or by answering this message. Someone who did not take the decision will review it.
mail-appeal-received-subject = We received your appeal on { $reference }
mail-appeal-received-body = We received your appeal on your concern { $reference }. Someone who did not take the decision will review it and write to you within { $days ->
    [one] one day
   *[other] { $days } days
}.
mail-appeal-upheld-subject = The review of your appeal on { $reference }
mail-appeal-upheld-intro = We reviewed your appeal on your concern { $reference }. The decision stands, for this reason:
mail-appeal-overturned-subject = Your appeal on { $reference } succeeded
mail-appeal-overturned-intro = We reviewed your appeal on your concern { $reference } and will look into it again. The reviewer wrote:
field-appeal-days = Days to appeal a decision
rules-appeal-days-hint = After a concern is resolved or not taken up, the reporter may appeal the decision for this many days (0 to 365; 0: no appeal).
field-appeal-review-days = Days to review an appeal
rules-appeal-review-days-hint = Someone who did not take the decision reviews the appeal within this many calendar days (1 to 90).
error-appeal-days = Give a number of days from 0 to 365.
error-appeal-review-days = Give a number of days from 1 to 90.

# Commitments' reminders (crates/mail/src/letters.rs).
mail-commitment-due-subject = Due tomorrow: { $title }
mail-commitment-due-body = The commitment “{ $title }” you keep is due on { $due }. Record its progress, or the evidence it was kept.
mail-commitment-late-subject = Late: { $title }
mail-commitment-late-body = The commitment “{ $title }” you keep was due on { $due } and is not kept yet. Record its progress, or change its day with the reason.
mail-open-commitment = Open the commitment
mail-footer-commitment = This message was sent by Liaison for { $office } because you keep this commitment.

# Staff notifications (crates/mail/src/letters.rs).
mail-assigned-subject = { $reference } is yours
mail-assigned-body = Concern { $reference } ({ $category }) was given to you.
mail-replied-subject = The reporter of { $reference } answered
mail-replied-body = The reporter of concern { $reference } answered: read their words on its timeline, then answer them or act.
mail-digest-subject = { $count ->
    [one] Your day in Liaison: one item
   *[other] Your day in Liaison: { $count } items
}
mail-digest-news = What happened since yesterday:
mail-digest-due = Yours, coming due within a day or overdue:
mail-report-subject = { $title }
mail-report-body = The monthly report “{ $title }” is ready. Its main figures:
mail-footer-report = This message was sent by Liaison for { $office } because you are among the recipients of this monthly report. A supervisor or administrator can stop it on the Reports page.
mail-footer-notifications = This message was sent by Liaison for { $office } as you chose on your account page (Notifications).

# Engagements: invitations and registrations.
mail-engagement-when = When
mail-engagement-where = Where
mail-engagement-open = See the meeting
mail-engagement-calendar = Add it to your calendar
mail-engagement-give-up = Give up your place if you cannot come
mail-invitation-subject = You are invited: { $title }
mail-invitation-body = We would like you to join us for “{ $title }”. Tell us whether you can come.
mail-invitation-answer = Say whether you come
mail-registered-subject = Your place: { $title }
mail-registered-body = You have a place at “{ $title }”.
mail-waitlisted-subject = On the waitlist: { $title }
mail-waitlisted-body = “{ $title }” is full, so you are on its waitlist. If a place frees, it is yours and we write to you.
mail-moved-up-subject = A place for you: { $title }
mail-moved-up-body = A place freed at “{ $title }”, and it is yours.
mail-called-off-subject = Called off: { $title }
mail-called-off-body = “{ $title }” on { $when } is called off. We are sorry.
mail-footer-invitation = This message was sent by { $office } because you agreed to be invited to its meetings. Tell the office if you no longer want to be.
mail-footer-registration = This message was sent by { $office } because you registered for one of its meetings.
mail-moved-up-give-up = If you cannot come after all, give your place up with the link in our first message, so that someone else may come.
mail-survey-subject = How was it? { $title }
mail-survey-body = Thank you for coming to “{ $title }”. Tell us what you thought of it: a few questions, a few minutes. Your answers help us do better.
mail-survey-answer = Answer the survey
mail-footer-survey = This message was sent by { $office } because you came to one of its meetings and gave your email address. The link is yours: it takes one answer.
