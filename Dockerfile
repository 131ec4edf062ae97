# graphsvc API image. Neo4j runs in its own container (see docker-compose.yml),
# so this image carries no Java and never manages a local database.

# The web console (web/), built with Node in a stage of its own; only its static files reach the image.
FROM node:20-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM python:3.11-slim

# UTF-8 everywhere: users write Chinese in queries, data and logs.
ENV LANG=C.UTF-8 \
    LC_ALL=C.UTF-8 \
    PYTHONIOENCODING=utf-8 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    GRAPHSVC_MANAGE_NEO4J=false \
    GRAPHSVC_DEMO_DIR=/tmp/graphsvc-demo \
    GRAPHSVC_HOST=0.0.0.0 \
    GRAPHSVC_PORT=8000

# The wheel carries cypher/, data/ and the built console (graphsvc/resources/): the service runs from
# site-packages, and the source is gone once installed.
COPY . /src
COPY --from=web /web/dist /src/graphsvc/resources/web/dist
RUN pip install /src && rm -rf /src

WORKDIR /app

# Unprivileged user; the code stays root-owned, so the service cannot modify it.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home graphsvc
USER graphsvc

EXPOSE 8000
# Waits for Neo4j, applies the schema, loads reference data, then serves the API.
CMD ["graphsvc", "up"]
