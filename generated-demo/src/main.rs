//! `generated-demo`: the Crapido API generated from `spec/crapido.yaml`, served and walked.
//!
//! - no subcommand: starts the server on a free loopback port (SQLite in memory, or `--db
//!   FILE`), logs in and walks the whole KYC flow against it with the generated clients (the
//!   login code read in process), prints the table;
//! - `serve`: runs only the server, until SIGTERM or Ctrl-C (requests in flight finish); login
//!   codes are printed to stdout, the demo's stand-in for an SMS gateway;
//! - `walk`: runs only the client flow, against any server that speaks the public API, with a
//!   session token obtained elsewhere (`--session`).
//!
//! Exits 0 on success, 1 with a message on the first failure.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use generated_demo::app::{Server, Setup};
use generated_demo::crapido::{Variant, openapi};
use generated_demo::session::{Inbox, StdoutSender};
use generated_demo::walk::{self, WalkConfig, WalkCredential, persona};
use tracing_subscriber::EnvFilter;

/// Serves and walks the Crapido KYC API generated from spec/crapido.yaml.
#[derive(Debug, Parser)]
#[command(
    name = "generated-demo",
    version,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    demo: DemoArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs the server until SIGTERM or Ctrl-C, which let the requests in flight finish; prints
    /// `listening on http://ADDR` first, then each login code (demo only: a stand-in for SMS).
    Serve(ServeArgs),
    /// Walks the KYC flow against a server, with a session token obtained from it.
    Walk(WalkArgs),
    /// Prints the OpenAPI 3.1 document of a build's public API.
    Openapi(OpenapiArgs),
}

#[derive(Debug, Args)]
struct OpenapiArgs {
    /// The app build (variant) to describe; the base build unless given.
    #[arg(long, value_parser = parse_variant, default_value = Variant::BASE.name())]
    variant: Variant,
}

/// A variant by its name in the spec.
fn parse_variant(name: &str) -> Result<Variant, String> {
    Variant::ALL
        .iter()
        .copied()
        .find(|v| v.name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = Variant::ALL.iter().map(|v| v.name()).collect();
            format!("unknown variant; the spec has {}", names.join(", "))
        })
}

/// The default run: server and walk in one process.
#[derive(Debug, Args)]
struct DemoArgs {
    /// Keep the data in this SQLite file instead of in memory.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// The loopback address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Keep the data in this SQLite file instead of in memory.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
}

#[derive(Args)]
struct WalkArgs {
    /// The server's base URL, such as http://127.0.0.1:8080.
    #[arg(long)]
    base_url: String,
    /// The session token of the applicant (`--mobile`), sent in the build's header; from the
    /// demo server's `POST /session`, or however the server under test issues them. Read from
    /// `VEIL_SESSION` when not given, which keeps it out of the process list.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "VEIL_SESSION",
        hide_env_values = true
    )]
    session: String,
    /// Also check that the server kept what the walk sent (the demo server's behaviour, not a
    /// promise of the seed's API).
    #[arg(long)]
    check_persistence: bool,
    /// The applicant's mobile number (fake by default).
    #[arg(long, default_value = persona::DEFAULT_MOBILE)]
    mobile: String,
    /// The product applied for.
    #[arg(long, default_value = persona::DEFAULT_PRODUCT_ID)]
    product_id: String,
    /// A header sent with every request, as NAME:VALUE (repeatable), for whatever else a real
    /// backend needs.
    #[arg(long = "header", value_name = "NAME:VALUE", value_parser = parse_header)]
    headers: Vec<(String, String)>,
    /// The app build (variant) whose disguise to speak.
    #[arg(long, value_parser = parse_variant, default_value = Variant::BASE.name())]
    variant: Variant,
}

// Written, not derived: the session token stays out of Debug output.
impl std::fmt::Debug for WalkArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WalkArgs")
            .field("base_url", &self.base_url)
            .field("session", &format_args!("<redacted>"))
            .field("check_persistence", &self.check_persistence)
            .field("product_id", &self.product_id)
            .field("variant", &self.variant)
            .finish_non_exhaustive()
    }
}

fn parse_header(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once(':')
        .ok_or("expected NAME:VALUE, such as Authorization:Bearer-token")?;
    let name = name.trim();
    if name.is_empty() {
        return Err("the header name is empty".to_owned());
    }
    Ok((name.to_owned(), value.trim().to_owned()))
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let default_level = match cli.command {
        Some(Command::Serve(_)) => "info",
        _ => "warn",
    };
    init_tracing(default_level);
    let outcome = match cli.command {
        None => demo(cli.demo).await,
        Some(Command::Serve(args)) => serve(args).await,
        Some(Command::Walk(args)) => walk_only(args).await,
        Some(Command::Openapi(args)) => {
            let mut stdout = std::io::stdout();
            writeln!(stdout, "{}", openapi(args.variant))
                .map_err(|err| format!("cannot write to stdout: {err}"))
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("generated-demo: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr, filtered by `RUST_LOG` (`default_level` when unset or invalid).
fn init_tracing(default_level: &str) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn demo(args: DemoArgs) -> Result<(), String> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    // The login codes go to an inbox the walk reads, in this process: no SMS, nothing printed.
    let inbox = Inbox::new();
    let server = Server::bind(addr, Setup::new(inbox.clone()).db(args.db.as_deref()))
        .await
        .map_err(|err| err.to_string())?;
    let running = server.spawn();
    println!(
        "Crapido KYC API generated from spec/crapido.yaml, served at {} (SQLite {})\n",
        running.base_url(),
        if args.db.is_some() {
            "file"
        } else {
            "in memory"
        },
    );
    // One server, one implementation, every build: each logs in and is walked by its own
    // clients.
    let mut result = Ok(());
    for &variant in Variant::ALL {
        println!("build `{}`:\n", variant.name());
        let config = WalkConfig {
            variant,
            ..WalkConfig::new(running.base_url(), WalkCredential::Login(inbox.clone()))
        };
        result = walk_and_report(&config).await;
        if result.is_err() {
            break;
        }
        println!();
    }
    drop(running);
    result
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    // Demo only: login codes are printed (mobile masked) where a real server sends an SMS.
    let setup = Setup::new(StdoutSender).db(args.db.as_deref());
    let server = Server::bind(args.addr, setup)
        .await
        .map_err(|err| err.to_string())?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on {}", server.base_url())
        .and_then(|()| stdout.flush())
        .map_err(|err| format!("cannot write to stdout: {err}"))?;
    tracing::info!(
        addr = %server.addr(),
        storage = if args.db.is_some() { "file" } else { "memory" },
        "serving the Crapido API"
    );
    // veil's `serve` stops on SIGTERM or Ctrl-C, once the requests in flight are answered.
    server
        .run()
        .await
        .map_err(|err| format!("the server stopped: {err}"))?;
    tracing::info!("stopped");
    Ok(())
}

async fn walk_only(args: WalkArgs) -> Result<(), String> {
    let config = WalkConfig {
        mobile: args.mobile,
        product_id: args.product_id,
        headers: args.headers,
        variant: args.variant,
        check_persistence: args.check_persistence,
        ..WalkConfig::new(args.base_url, WalkCredential::Session(args.session))
    };
    walk_and_report(&config).await
}

async fn walk_and_report(config: &WalkConfig) -> Result<(), String> {
    let mut stdout = std::io::stdout();
    let summary = walk::run(config, &mut stdout)
        .await
        .map_err(|err| format!("walk failed: {err}"))?;
    println!(
        "\nwalk complete: {} calls in {:.1} ms",
        summary.calls,
        summary.elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}
