# Front-end packages from the npm registry, pinned by package-lock.json (htmx).
FROM node:20-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

# Klantportal: one image for the web server (gunicorn), the Celery worker and Celery beat.
# Build: docker build -t klantportal .   Run the whole stack: docker compose up --build
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# GNU gettext (msgfmt) recompiles the Dutch and English catalogues below from their .po files,
# so the image never ships a .mo that is missing or older than its .po (untranslated text).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

# The app runs as an unprivileged user; the code stays owned by root, so it cannot change it.
# A fixed numeric id, so orchestrators can verify runAsNonRoot.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
COPY --from=assets /assets/node_modules ./node_modules

# portal/wsgi.py, manage.py and portal/celery.py default to portal.settings.dev: the image must not.
ENV DJANGO_SETTINGS_MODULE=portal.settings.production

# Production settings require these variables; the dummy values exist only for this RUN line
# (nothing here touches a database, cache or broker) and are not kept in the image. The key is
# random because production refuses a weak one (portal/settings/production.py).
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.db \
    CACHE_URL=locmemcache:// CELERY_BROKER_URL=redis://localhost:6379/0 \
    sh -c 'python manage.py compilemessages && python manage.py collectstatic --noinput' \
    && rm -f /tmp/build.db \
    && mkdir -p /app/var/media /app/var/mail \
    && chown -R app:app /app/var

USER 10001:10001

EXPOSE 8000

CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
