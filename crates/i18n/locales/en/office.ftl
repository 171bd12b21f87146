# The office: its settings, areas, categories and their intake questions.
# Liaison — English (complete).

## Fields
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
unit-working_hours = working hours
unit-calendar_days = calendar days
kind-short_text = Short text
kind-long_text = Long text
kind-number = Number
kind-date = Date
kind-single_choice = One choice
kind-multiple_choice = Several choices
day-1 = Monday
day-2 = Tuesday
day-3 = Wednesday
day-4 = Thursday
day-5 = Friday
day-6 = Saturday
day-7 = Sunday

## Administration
admin-office = Office
admin-areas = Areas
admin-categories = Categories
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

## Field errors
error-time-zone = Enter a time zone such as Africa/Johannesburg.
error-working-days = Choose at least one working day.
error-end-before-start = The working day must end after it starts.
error-target-range = Enter a whole number from 1 to 730.
error-code = Use 1 to 40 lower-case letters, digits or _, starting with a letter.
error-code-taken = This code is already used.
error-choices = Each choice needs a name of at most 200 characters.
error-choices-repeated = Two choices have the same name.
error-too-many-questions = A category can have at most 30 questions.
