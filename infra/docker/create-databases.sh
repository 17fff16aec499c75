#!/bin/sh
# Run once by the postgres image on an empty volume (docker-entrypoint-initdb.d), as the superuser: one
# database per entry of services.json (mounted read-only), owned by $POSTGRES_USER. The native runner creates
# the same list (infra/src/provision/databases.ts); infra/src/compose.spec.ts runs this script and compares.
services_json="${SAGA_SERVICES_JSON:-/saga/services.json}"
for database in $(grep -o '"database": *"[a-z0-9_]*"' "$services_json" | sed 's/.*"\([a-z0-9_]*\)"$/\1/'); do
  echo "CREATE DATABASE $database OWNER $POSTGRES_USER;" |
    psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres || exit 1
done
