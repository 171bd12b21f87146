# The public portal: reporting a concern, the receipt, tracking it.
# Liaison — English (complete).

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

## Fields
field-your-name = Your name

# Answering on the tracking page.
event-you-replied = You wrote:
track-reply-title = Answer us
track-reply-hint = Your answer is added to your concern for the officer who handles it. Only staff and you, with your code, read it.
track-reply-label = Your answer
track-reply-submit = Send your answer
track-replied = Thank you: your answer was added to your concern.

# Satisfaction on the tracking page.
track-satisfaction-title = How did we do?
track-satisfaction-question = Are you satisfied with how your concern was handled?
track-satisfied-yes = Yes, I am satisfied
track-satisfied-no = No, I am not satisfied
track-satisfaction-why = Why? (you may leave this empty)
track-satisfaction-submit = Send your answer
event-you-satisfied = You told us you are satisfied.
event-you-dissatisfied = You told us you are not satisfied.

track-appeal-title = Disagree with the decision?
track-appeal-explain = You may appeal until { $until }. Someone who did not take the decision will review it and write to you.
track-appeal-grounds = Why do you disagree?
track-appeal-submit = Send your appeal

## Public statistics (/statistics)
portal-statistics = Our record in figures
statistics-title = Our record in figures
statistics-period = Concerns and commitments from { $from } to { $to }: the last twelve whole months.
statistics-updated = Counted on { $at }. Days are counted in the office's time zone ({ $zone }).
statistics-received = Concerns received
statistics-on-time = Resolved within our target
statistics-why-link = Why some numbers are not shown
statistics-by-category = By category
statistics-by-area = By area
statistics-category = Category
statistics-area = Area
statistics-total = All concerns
statistics-withheld = This table is not shown: there are too few concerns to show it without letting someone be singled out.
statistics-commitments = Our public commitments
statistics-commitments-lede = Promises we made to the community and published, closed over the same months, and those still open today.
statistics-kept = Kept
statistics-dropped = Dropped
statistics-closed = Kept or dropped
statistics-kept-on-time = Kept by the day promised
statistics-open = Still open today
statistics-you-said = See each commitment: you said, we did
statistics-fewer = fewer than { $n }
statistics-hidden = not shown
statistics-percent = { $p }%
statistics-at-least = at least { $p }%
statistics-at-most = at most { $p }%
statistics-too-few = too few to say
statistics-other-categories = Other categories
statistics-no-area = No area given
statistics-why-title = Why some numbers are not shown
statistics-why = So that nobody can be recognised from these figures, we never show a number smaller than { $n }: such a group is shown as "fewer than { $n }" (which may also be none).
statistics-why-hidden = Where the total and the other numbers would let a small number be worked out by subtraction, another number is "not shown" too; it is { $n } or more.
statistics-why-shares = A share is worked out only from enough concerns, and where only a few were late (or on time) it is given as "at least" or "at most".
statistics-why-other = Categories we do not offer on this portal, and sensitive ones with few concerns, are counted together under "Other categories".
statistics-span = { $from } to { $to }
