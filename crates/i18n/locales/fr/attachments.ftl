# Attachments: photos and documents, on the portal and the staff pages.
# Liaison — français (portail public ; le reste se replie sur l'anglais).

portal-photo = Ajouter une photo (facultatif)
portal-photo-hint = Jusqu’à { $count } photos (JPEG, PNG, WebP ou GIF) de { $size } au plus chacune. Avant de les conserver, nous retirons des photos le lieu, les informations de l’appareil et les commentaires.
portal-photo-again = Les photos ne sont pas conservées quand le formulaire comporte des erreurs : choisissez-les de nouveau.
field-photo = Photo
size-bytes = { $n } octets
size-kb = { $n } Ko
size-mb = { $n } Mo
error-file-empty = Ce fichier est vide.
error-file-too-large = Ce fichier est trop volumineux. Choisissez-en un plus petit.
error-file-type = Joignez une photo (JPEG, PNG, WebP ou GIF) ou un document PDF.
error-photo-type = Joignez une photo : JPEG, PNG, WebP ou GIF.
error-file-mismatch = Le contenu de ce fichier ne correspond pas à son type. Enregistrez-le de nouveau comme photo et réessayez.
error-file-damaged = Ce fichier est endommagé et ne peut pas être lu.
error-too-many-files = Joignez au plus 3 fichiers à la fois.
