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
