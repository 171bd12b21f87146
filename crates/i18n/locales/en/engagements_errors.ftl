# What an engagement's operations refuse (crates/domain/src/engagements.rs,
# crates/app/src/engagements.rs): shown on the staff pages, in the JSON API's problems and,
# for registrations, on the portal. The engagements' pages are in engagements.ftl.
error-venue-or-link = Give the venue's address, or a link to join online.
error-link = Write a link that starts with https:// (no spaces).
error-capacity-below-registrations = More people already have a place than this: give up some places first, or offer more.
error-engagement-over = This engagement has already ended.
error-engagement-cancelled = This engagement has been called off.
error-publish-needs-public = Only an engagement anyone may see can be published on the portal.
error-already-checked-in = Already checked in.
