# FluxStudio in a container (docs/DEPLOY.md): the web app built, embedded in the release
# binary, run as a user without privileges. No Docker engine runs where FluxStudio is
# developed, so this file is written to the same steps as scripts/run.sh but not built
# there; build it with `docker build -t fluxstudio .`.

# 1. The web app (Vite), from the lockfile.
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
RUN npm run build

# 2. The server, with the web app's build embedded (crates/server/src/web.rs).
FROM rust:1.95-bookworm AS server
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY crates/ crates/
COPY bench/ bench/
COPY --from=web /src/web/dist web/dist
RUN cargo build --release --locked --bin fluxstudio

# 3. What runs: the binary, CA certificates (PostgreSQL over TLS, S3), curl for the health
# check, a user of its own.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /var/lib/fluxstudio --create-home --uid 10001 fluxstudio
COPY --from=server /src/target/release/fluxstudio /usr/local/bin/fluxstudio
USER fluxstudio
WORKDIR /var/lib/fluxstudio
# The SQLite database, the generated development secret and uploaded files live here.
VOLUME /var/lib/fluxstudio/data
ENV HOST=0.0.0.0 PORT=3001
EXPOSE 3001
# Ready: the database answers (200 also when "degraded", serving without Redis).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/api/health/ready" || exit 1
STOPSIGNAL SIGTERM
CMD ["fluxstudio", "serve"]
