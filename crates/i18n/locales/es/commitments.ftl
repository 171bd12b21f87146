# El registro de compromisos (el resto recurre al inglés).
nav-commitments = Compromisos
