# Attachments: photos and documents, on the portal and the staff pages.
# Liaison — English (complete).

portal-photo = Add a photo (optional)
portal-photo-hint = Up to { $count } photos (JPEG, PNG, WebP or GIF) of at most { $size } each. We remove the location, the camera's details and any comments from photos before keeping them.
portal-photo-again = Photos are not kept when the form has errors: please choose them again.
field-photo = Photo
field-attachment = Files
size-bytes = { $n } bytes
size-kb = { $n } KB
size-mb = { $n } MB
attachment-hint = Photos (JPEG, PNG, WebP or GIF) or PDF documents, up to 3 at a time. Location and camera details are removed from photos.
attachment-again = Files are not kept when the form has errors: choose them again.
attachments-title = Attachments
attachments-none = No photos or documents yet.
attachment-alt = Photo: { $name }
attachment-public = shown with the public concern
attachment-make-public = Show with the concern when it is public (the public address and Open311)
attachment-submit = Attach
event-attached = File attached: { $name }
done-attached = The files were attached.
file-kind-jpeg = JPEG photo
file-kind-png = PNG image
file-kind-webp = WebP image
file-kind-gif = GIF image
file-kind-pdf = PDF document
file-kind-other = File
error-file-empty = This file is empty.
error-file-too-large = This file is too large. Choose a smaller one.
error-file-type = Attach a photo (JPEG, PNG, WebP or GIF) or a PDF document.
error-photo-type = Attach a photo: JPEG, PNG, WebP or GIF.
error-file-mismatch = This file's content does not match its type. Save it again as a photo and try again.
error-file-damaged = This file is damaged and cannot be read.
error-too-many-files = Attach at most 3 files at a time.
error-file-required = Choose a file to attach.
