//! The `frontdesk` binary: parses the command line and hands over to the library.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    frontdesk::cli::main().await
}
