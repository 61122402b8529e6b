#!/usr/bin/env bash
# Lighthouse (npm lighthouse@12.2.3 on Debian's Chromium) on the home, list,
# detail and registration pages, served by gunicorn with production settings.
# Prints the four category scores per page; reports go to var/lighthouse/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=var/lighthouse
PORT=${LIGHTHOUSE_PORT:-8191}
mkdir -p "$OUT"
# Its own folder: npm would remove the test suite's Nu Html Checker from
# var/node (installed there without a package.json).
LIGHTHOUSE=var/lighthouse-node/node_modules/.bin/lighthouse
if [ ! -x "$LIGHTHOUSE" ]; then
  npm install --silent --prefix var/lighthouse-node lighthouse@12.2.3
fi
CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[ -x "$CHROME_PATH" ] || { echo "Chromium not found at $CHROME_PATH (apt-get install chromium)"; exit 1; }

export DEBUG=0 SECRET_KEY="lighthouse-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1 DATABASE_URL="sqlite:///$PWD/$OUT/site.sqlite3"
export STATIC_ROOT="$PWD/$OUT/static" MEDIA_ROOT="$PWD/$OUT/media" REDIS_URL=
# No email leaves this trial (production refuses the console backend).
export EMAIL_URL=dummymail://
# Plain HTTP on the loopback: no TLS redirect nor HSTS (Lighthouse treats
# 127.0.0.1 as a secure origin); everything else as in production.
export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export GUNICORN_BIND="127.0.0.1:$PORT" LOG_LEVEL=WARNING
PY=.venv/bin/python
$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0
$PY manage.py load_initial_data >/dev/null
$PY -m gunicorn --config gunicorn.conf.py > "$OUT/gunicorn.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

status=0
for path in /fr/ /en/twin-towns/ /fr/villes-jumelles/mainz/ /en/student-receptions/accueil-etudiants-printemps-2027/; do
  name=$(echo "$path" | tr '/' '_')
  CHROME_PATH="$CHROME_PATH" "$LIGHTHOUSE" "http://127.0.0.1:$PORT$path" \
    --quiet --output=json --output-path="$OUT/report$name.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync" \
    --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1 || true
  $PY - "$OUT/report$name.json" "$path" <<'PY' || status=1
import json, sys
report = json.load(open(sys.argv[1]))
scores = {k: round((v["score"] or 0) * 100) for k, v in report["categories"].items()}
print(f"{sys.argv[2]:<60} " + "  ".join(f"{k} {v}" for k, v in scores.items()))
for key, category in report["categories"].items():
    for ref in category["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            print(f"    {key}: {audit['id']} {audit['score']}: {audit['title']}")
sys.exit(0 if all(v == 100 for v in scores.values()) else 1)
PY
done
exit $status
