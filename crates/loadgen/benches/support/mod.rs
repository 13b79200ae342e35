//! What the load generator's store benches share: their arguments parsed and their run on
//! a runtime like the server's (one worker thread beside the writer's).

/// Parses `A` (with `cargo bench`'s own `--bench` flag accepted: flatten [`CargoBench`] into
/// it) and runs `run` to its end.
pub fn main<A, F>(run: impl FnOnce(A) -> F) -> anyhow::Result<()>
where
    A: clap::Parser,
    F: std::future::Future<Output = anyhow::Result<()>>,
{
    let args = A::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    runtime.block_on(run(args))
}

/// `cargo bench` passes `--bench` to every bench: accepted and ignored.
#[derive(clap::Args)]
pub struct CargoBench {
    #[arg(long, hide = true)]
    bench: bool,
}
