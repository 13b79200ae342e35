//! `frontdesk-loadgen`: drives a Frontdesk server with idle and active visitor sockets and
//! operator consoles, and reports latency, throughput and memory. See docs/benchmarks.md.

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = frontdesk_loadgen::Args::parse();
    let json = args.json;
    if args.chats > 0 {
        let report = frontdesk_loadgen::run_routing(args).await?;
        if json {
            println!("{}", serde_json::to_string_pretty(&report)?);
        } else {
            print!("{}", report.to_text());
        }
        return Ok(());
    }
    let report = frontdesk_loadgen::run(args).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.to_text());
    }
    Ok(())
}
