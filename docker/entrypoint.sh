#!/bin/sh
# Start-up of the web container: apply migrations and collect static files, then run the
# command (gunicorn by default). Both steps are idempotent. The worker and beat containers
# set RUN_MIGRATIONS=0: the web container alone changes the schema.
set -eu
if [ "${RUN_MIGRATIONS:-1}" = "1" ]; then
  python manage.py migrate --noinput
  python manage.py collectstatic --noinput --verbosity 0
fi
if [ "${LOAD_DEMO:-0}" = "1" ]; then
  python manage.py load_demo
fi
exec "$@"
