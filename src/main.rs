//! The `frontdesk` binary: hands the command line over to the library.

fn main() -> anyhow::Result<()> {
    frontdesk::cli::main()
}
