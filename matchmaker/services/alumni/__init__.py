"""Alumni: graduates keep their account (role alumnus), asked again for consent for the alumni purpose.

`conversion` turns a student into an alumnus (by their own word, or on a date by the daily task), `profile` is the
alumnus's consent and self-reported profile, `queries` what coaches and employers may see: only consenting alumni.
"""
