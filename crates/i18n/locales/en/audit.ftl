# The audit trail.
# Liaison — English (complete).

admin-audit = Audit trail
audit-lede = Every change, by staff, residents and the system, newest first. Entries cannot be edited or deleted.
audit-when = When
audit-who = Who
audit-what = What
audit-record = Record
audit-changes = Changes
