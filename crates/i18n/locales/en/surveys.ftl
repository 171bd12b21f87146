# Feedback surveys (crates/domain/src/surveys.rs, crates/app/src/surveys.rs, the staff pages
# under /staff/surveys, the portal's /surveys/{key}).
error-survey-choices = Give 2 to 20 choices, one per line.
error-survey-scale = Give a scale from a lower to a higher number, within 0 to 10.
error-survey-out-of-range = Pick a number on the scale.
error-survey-one-choice = Pick only one.
