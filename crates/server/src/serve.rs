//! `fluxstudio serve`: opens the database, migrates it, wires the routers and layers,
//! listens, and on SIGTERM/SIGINT stops accepting, lets in-flight requests finish and
//! exits cleanly.

use std::{net::SocketAddr, path::Path, time::Instant};

use anyhow::{Context, bail};
use axum::{Router, routing::get};
use fluxstudio_api::{
    AppState, HttpOptions, StateParts, WebSecurity, metrics, observe, rate_limit::RateLimits,
};
use fluxstudio_cluster::Channels;
use fluxstudio_store::{Db, migrate};
use tokio::net::TcpListener;

use crate::{
    alloc, background,
    cli::{OnlyService, ServeArgs},
    config::Config,
    connections,
    files_config::FileConfig,
    relay, secret,
    shutdown::shutdown_signal,
    web,
};

pub async fn run(config: Config, args: ServeArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let (secret, source) = secret::resolve(
        config.jwt_secret.clone(),
        Path::new(secret::DEV_SECRET_FILE),
    )?;
    tracing::info!(source = ?source, "JWT secret ready");

    tracing::info!(database = %config.database.url, "opening the database");
    let db = Db::connect(&config.database).await?;
    prepare_schema(&db, args.no_migrate).await?;

    let metrics = metrics::install_recorder()
        .map_err(|e| anyhow::anyhow!("cannot install the metrics recorder: {e}"))?;
    let blobs = blob_store(&config.files).await?;
    // What reaches the other instances: the Socket.IO adapter's channels and the relay.
    let channels = match &config.redis {
        Some(redis) => {
            // Logged either way; down is not fatal: the instance serves alone, degraded,
            // until Redis answers.
            let _ = redis.connect().await;
            Channels::start(redis.clone()).await
        }
        None => Channels::alone(),
    };
    let state = state(db.clone(), &config, secret.0.as_bytes(), blobs)?;
    // Every open document connection, checked again when its session or access changes.
    let watch = fluxstudio_collab::Watch::new(fluxstudio_collab::Gate::new(
        state.accounts().clone(),
        state.documents().clone(),
    ));
    let mut background = vec![
        tokio::spawn(alloc::return_freed_memory()),
        tokio::spawn(fluxstudio_collab::maintenance::unload(
            state.documents().hub().clone(),
        )),
        tokio::spawn(watch.clone().run(state.workspace().bus().subscribe())),
        tokio::spawn(state.files().clone().run_previews()),
        tokio::spawn(background::lead(
            db.clone(),
            background::lock_key(secret.0.as_bytes()),
            background::Work {
                accounts: state.accounts().clone(),
                documents: state.documents().clone(),
                files: state.files().clone(),
                sweep_grace: config.files.sweep_grace,
            },
        )),
    ];
    if config.redis.is_some() {
        // Documents open on several instances converge live.
        state.documents().hub().join_cluster(channels.clone()).await;
        // Sessions ended and access changed elsewhere reach this instance's connections.
        let bus = state.workspace().bus().clone();
        background.extend(relay::start(channels.clone(), bus, state.accounts().clone()).await);
    }

    let only_collab = args.only == Some(OnlyService::Collab);
    let host = args.host.unwrap_or(config.host);
    let default_port = if only_collab {
        config.collab.port
    } else {
        config.port
    };
    let port = args.port.unwrap_or(default_port);
    let listener = TcpListener::bind((host, port))
        .await
        .with_context(|| format!("cannot listen on {host}:{port}"))?;
    let addr = listener.local_addr()?;
    let collab =
        fluxstudio_collab::Collab::new(watch, state.documents().hub().clone(), addr.port());
    if only_collab {
        tracing::info!("--only collab: serving the collaboration service alone");
    }
    let sockets = if config.realtime.enabled && !only_collab {
        let services = fluxstudio_realtime::Services {
            accounts: state.accounts().clone(),
            workspace: state.workspace().clone(),
            messaging: state.messaging().clone(),
        };
        let realtime = &config.realtime;
        let layer = fluxstudio_realtime::layer(
            services,
            realtime.rate,
            realtime.connect_timeout,
            config.redis.clone().map(|redis| (redis, channels.clone())),
        );
        Some(layer.await)
    } else {
        None
    };
    if !config.realtime.enabled {
        tracing::info!("ENABLE_WEBSOCKET=false: Socket.IO is not served");
    }
    let hub = state.documents().hub().clone();
    let app = if only_collab {
        collab_app(collab, &config)
    } else {
        let sockets = sockets.as_ref().map(|(layer, _)| layer.clone());
        full_app(state, &config, metrics, sockets, collab)
    };
    if let Some(file) = &args.addr_file {
        write_addr_file(file, addr)?;
    }
    tracing::info!(
        startup_ms = started.elapsed().as_millis() as u64,
        "FluxStudio listening on http://{addr} ({} database)",
        db.backend().as_str()
    );

    let (stop, stopped) = tokio::sync::watch::channel(());
    let (closed, listener_closed) = tokio::sync::oneshot::channel();
    let stopped = async move {
        let mut stopped = stopped;
        let _ = stopped.changed().await;
    };
    let server = connections::serve(listener, app, config.connections, stopped, closed);
    let mut server = tokio::spawn(server);
    tokio::select! {
        ended = &mut server => {
            ended.context("the server task failed")?;
            bail!("the server stopped on its own");
        }
        () = shutdown_signal() => {}
    }
    tracing::info!("shutting down: no new connections; finishing requests in flight");
    let _ = stop.send(());
    let _ = listener_closed.await;
    // Once no new connection is taken, the live ones are told to reconnect: behind a
    // balancer they land on another instance and catch up (messages by sequence number,
    // documents by state vector; everything acknowledged is stored already).
    if let Some((_, io)) = &sockets {
        io.close().await;
    }
    hub.close_all().await;
    match tokio::time::timeout(config.shutdown_grace, &mut server).await {
        Ok(ended) => ended.context("the server task failed")?,
        Err(_) => {
            tracing::warn!(
                grace_seconds = config.shutdown_grace.as_secs(),
                "requests still running after the grace period were cut off"
            );
            server.abort();
        }
    }
    // Background work stops before the database closes (a compaction cut short rolls back).
    for task in background {
        task.abort();
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Migrates on start, or with `--no-migrate` only checks that nothing is pending.
async fn prepare_schema(db: &Db, no_migrate: bool) -> anyhow::Result<()> {
    if !no_migrate {
        migrate::run(db, |progress| {
            if let migrate::Progress::Applied(step, took) = progress {
                tracing::info!(
                    migration = step.label(),
                    took_ms = took.as_millis() as u64,
                    "migration applied"
                );
            }
        })
        .await?;
        return Ok(());
    }
    let pending: Vec<String> = migrate::status(db)
        .await?
        .iter()
        .filter(|m| m.applied_at.is_none())
        .map(|m| m.label())
        .collect();
    if !pending.is_empty() {
        bail!(
            "--no-migrate, but migrations are pending ({}): run `fluxstudio migrate` first",
            pending.join(", ")
        );
    }
    Ok(())
}

/// The application state: the account service (tokens, mailer) and the rate limiters.
fn state(
    db: Db,
    config: &Config,
    secret: &[u8],
    blobs: fluxstudio_files::Blobs,
) -> anyhow::Result<AppState> {
    // One bus: accounts, the workspace and messaging announce; the real-time layer listens.
    let bus = fluxstudio_events::EventBus::new();
    let accounts = crate::accounts::service(db.clone(), config, secret, bus.clone())?;
    let settings = &config.accounts;
    if settings.mail.smtp.is_none() {
        tracing::warn!(
            "SMTP_HOST is not set: emails (verification, password reset) are written to the log instead of sent"
        );
    }
    let workspace = fluxstudio_workspace::Workspace::new(
        db.clone(),
        fluxstudio_mail::Mailer::new(&settings.mail)?,
        settings.mail.clone(),
        bus,
    );
    let messaging = fluxstudio_messaging::Messaging::new(db.clone(), workspace.clone());
    let hub = fluxstudio_collab::Hub::new(db.clone(), config.collab.limits);
    let documents = fluxstudio_collab::Documents::new(db.clone(), workspace.clone(), hub);
    let files = fluxstudio_files::Files::new(
        db.clone(),
        workspace.clone(),
        blobs,
        config.files.upload_dir.join("resumable"),
        config.files.settings,
    );
    Ok(AppState::new(StateParts {
        workspace,
        messaging,
        documents,
        files,
        db,
        heap_allocated: alloc::allocated_bytes,
        accounts,
        limits: RateLimits::new(settings.rate_limits, config.redis.clone()),
        redis: config.redis.clone(),
        secret: secret.to_vec(),
        web: WebSecurity {
            secure_cookies: config.environment.is_production(),
            trusted_proxies: settings.trusted_proxies,
        },
    }))
}

/// Where files' bytes go: the bucket when one is named (asked once here, so a wrong name
/// or key stops the start with one line), else the local disk.
async fn blob_store(files: &FileConfig) -> anyhow::Result<fluxstudio_files::Blobs> {
    let Some(bucket) = &files.bucket else {
        return fluxstudio_files::Blobs::local(&files.upload_dir).with_context(|| {
            format!(
                "cannot use UPLOAD_DIR={} for files",
                files.upload_dir.display()
            )
        });
    };
    let at = bucket.endpoint.as_deref().unwrap_or("Amazon S3");
    let context = || format!("cannot use S3_BUCKET={} at {at} for files", bucket.name);
    let blobs = fluxstudio_files::Blobs::in_bucket(bucket).with_context(context)?;
    blobs.reachable().await.with_context(context)?;
    tracing::info!(bucket = %bucket.name, endpoint = %at, "files are kept in an S3 bucket");
    Ok(blobs)
}

fn http_options(config: &Config) -> HttpOptions {
    HttpOptions {
        cors_origins: config.cors_origins.clone(),
        body_limit: config.body_limit,
        max_file_size: usize::try_from(config.files.settings.max_file_size).unwrap_or(usize::MAX),
        test_hooks: config.test_hooks,
        production: config.environment.is_production(),
    }
}

/// The whole HTTP application: `/api`, `/collab`, `/metrics` and the web app, inside the
/// layers every response passes through.
fn full_app(
    state: AppState,
    config: &Config,
    metrics_handle: metrics::PrometheusHandle,
    sockets: Option<fluxstudio_realtime::Layer>,
    collab: fluxstudio_collab::Collab,
) -> fluxstudio_api::Served {
    let options = http_options(config);
    let router = Router::new()
        .merge(fluxstudio_api::routes(&state, &options, get(web::api_docs)))
        // Not rate limited or CSRF checked: each connection authenticates itself.
        .merge(fluxstudio_collab::routes(collab))
        .route(
            "/metrics",
            get(metrics::render).with_state(metrics::MetricsEndpoint {
                handle: metrics_handle,
                token: config.metrics_token.clone(),
            }),
        )
        .merge(
            Router::new()
                .fallback(web::app)
                .layer(fluxstudio_api::layers::compression()),
        )
        // Inside the router, so the route pattern is known to the metrics.
        .layer(observe::ObserveLayer)
        .with_state(state);
    // Socket.IO answers before the router sees the request: its transport is neither
    // rate limited nor CSRF checked (it authenticates each connection itself).
    let router = match sockets {
        Some(layer) => Router::new().fallback_service(
            tower::ServiceBuilder::new()
                .map_request(fluxstudio_realtime::alias_path::<axum::body::Body>)
                .layer(layer)
                .service(router),
        ),
        None => router,
    };
    fluxstudio_api::serve(router, &options)
}

/// `serve --only collab`: the collaboration service alone (the seed's separate process).
fn collab_app(collab: fluxstudio_collab::Collab, config: &Config) -> fluxstudio_api::Served {
    let router = Router::new()
        .merge(fluxstudio_collab::routes(collab))
        .layer(observe::ObserveLayer);
    fluxstudio_api::serve(router, &http_options(config))
}

/// Written to a temporary file and renamed, so a reader never sees half an address.
fn write_addr_file(file: &Path, addr: SocketAddr) -> anyhow::Result<()> {
    let tmp = file.with_extension("tmp");
    std::fs::write(&tmp, addr.to_string())
        .and_then(|()| std::fs::rename(&tmp, file))
        .with_context(|| format!("cannot write the address to {}", file.display()))
}
