#!/bin/sh
# Start-up of the web container: apply migrations and collect static files, then run the
# command (gunicorn by default). Both steps are idempotent.
set -eu
python manage.py migrate --noinput
python manage.py collectstatic --noinput --verbosity 0
if [ "${LOAD_DEMO:-0}" = "1" ]; then
  python manage.py load_demo
fi
exec "$@"
