"""Demo data: the units, people and signing material the seed plans need, the
seed plans themselves and nominations under one of them, loaded through each
app's services by ``manage.py load_demo``. It uses every app, so it sits above
them all: nothing outside this package and the tests imports it."""
