//! `frontdesk-yearbench`: a year of a busy site, and how long statistics, search and tail
//! take over it. See docs/benchmarks.md.

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = frontdesk_loadgen::year::YearArgs::parse();
    let json = args.json;
    let report =
        frontdesk_loadgen::interrupt::unless_interrupted(frontdesk_loadgen::year::run(args))
            .await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.to_text());
    }
    Ok(())
}
