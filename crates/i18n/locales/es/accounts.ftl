# Staff accounts: signing in, one's own password, roles, user administration.
# Liaison — español (portal público; el resto recurre al inglés).

## Sign-in and account
sign-in-title = Acceso del personal
sign-in = Entrar
field-password = Contraseña

## Field errors
error-sign-in = El correo o la contraseña no son correctos.
