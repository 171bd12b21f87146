# What every form shares: the error summary, common words, common field labels.
# Liaison — English (complete).

## Layout
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

## Fields
field-name = Name
field-email = Email
field-phone = Phone
field-language = Preferred language
field-description = Description
field-active = Active
