# Vertrouwd in a container: slim Debian, a non-root user, the instance folder as a volume.
# The image installs the same wheel that tests/test_wheel.py builds and serves the demo from.
#   docker build -t vertrouwd .
#   docker compose up -d        (with PostgreSQL: compose.yaml)

FROM python:3.11-slim-bookworm AS wheel
WORKDIR /src
COPY pyproject.toml setup.py ./
COPY portal/ portal/
COPY templates/ templates/
COPY static/ static/
COPY migrations/ migrations/
RUN python -m pip wheel --no-cache-dir --no-deps --wheel-dir /dist .

FROM python:3.11-slim-bookworm
# tzdata: the organisation's day (PORTAL_TIMEZONE) is computed from the IANA time zones.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/vertrouwd \
        --shell /usr/sbin/nologin vertrouwd \
    && install -d -o vertrouwd -g vertrouwd -m 0700 /var/lib/vertrouwd
COPY --from=wheel /dist/ /tmp/dist/
RUN wheel="$(ls /tmp/dist/vertrouwd-*.whl)" \
    && python -m pip install --no-cache-dir "${wheel}[postgres]" \
    && rm -rf /tmp/dist
ENV PYTHONUNBUFFERED=1 \
    PORTAL_ENV=production \
    PORTAL_INSTANCE=/var/lib/vertrouwd
USER vertrouwd
WORKDIR /var/lib/vertrouwd
# The instance folder: the SQLite database (when DATABASE_URL is not set), the kept secret
# key, gunicorn's control socket. Back it up; keep it private.
VOLUME ["/var/lib/vertrouwd"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/', timeout=4)"]
# Inside the container gunicorn listens on every interface; publish the port on loopback
# only and put the HTTPS reverse proxy in front (PORTAL_PROXY_COUNT=1).
CMD ["portal", "serve", "--host", "0.0.0.0", "--port", "8000"]
