error-survey-choices = Indique de 2 a 20 opciones, una por línea.
error-survey-scale = Indique una escala de un número menor a uno mayor, entre 0 y 10.
error-survey-out-of-range = Elija un número de la escala.
error-survey-one-choice = Elija solo una opción.
