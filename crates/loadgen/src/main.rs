//! `frontdesk-loadgen`: drives a Frontdesk server with idle and active visitor sockets and
//! operator consoles, and reports latency, throughput and memory. See docs/benchmarks.md.

use clap::Parser;

use frontdesk_loadgen::interrupt::unless_interrupted;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = frontdesk_loadgen::Args::parse();
    let json = args.json;
    let text = unless_interrupted(async move {
        if args.chats > 0 {
            let report = frontdesk_loadgen::run_routing(args).await?;
            shown(&report, json, report.to_text())
        } else {
            let report = frontdesk_loadgen::run(args).await?;
            shown(&report, json, report.to_text())
        }
    })
    .await?;
    print!("{text}");
    Ok(())
}

/// The report as `--json` asks, else as its text.
fn shown(report: &impl serde::Serialize, json: bool, text: String) -> anyhow::Result<String> {
    Ok(if json {
        serde_json::to_string_pretty(report)? + "\n"
    } else {
        text
    })
}
