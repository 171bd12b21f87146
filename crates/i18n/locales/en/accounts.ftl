# Staff accounts: signing in, one's own password, roles, user administration.
# Liaison — English (complete).

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
field-role = Role

## Words
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

## Administration
admin-users = Users
users-add = Add user
users-password-hint = At least 8 characters. Give it to the user; they can change it.
users-password-reset-hint = Leave empty to keep the current password. A new password signs the user out everywhere.
users-active = Active (untick to disable the account and end its sessions)
roles-title = Roles

## Field errors
error-email-taken = An account with this email already exists.
error-password-short = Use at least { -password-min } characters.
error-password-common = This password is too common. Choose another.
error-password-mismatch = The two passwords differ.
error-password-wrong = This is not your current password.
error-own-account = You cannot disable your own account or remove your own administrator role.
error-sign-in = The email or password is wrong.

# Notifications (templates/staff/account.html).
notifications-title = Notifications
notifications-explain = How Liaison tells you by email of each kind of news: at once, in one letter each morning, or not at all (your pages show it all the same).
news-assigned = A concern is given to you
news-escalated = A concern is escalated to you, or not acknowledged in time
news-reply = The reporter of a concern you hold answers
news-commitment = A commitment you keep comes due, or is late
news-due = Your concerns coming due within a day, and overdue
news-mode-now = At once
news-mode-digest = In the daily digest
news-mode-never = Not by email
notifications-save = Save
field-assigned = A concern is given to you
field-escalated = Escalations
field-reply = Reporters' answers
field-commitment = Commitments
field-due = Coming due
