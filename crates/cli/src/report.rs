//! Printing a run's summary as text, and its series as CSV.

use std::fmt::Write as _;

use nines_sim::design::MAX_REGIONS;
use nines_sim::game_day::Verdict;
use nines_sim::measure::recorder::Second;
use nines_sim::measure::series::Series;
use nines_sim::measure::summary::Summary;
use nines_sim::request::FailureCause;
use nines_sim::time::clock;

/// The summary as a few readable lines.
pub fn text(name: &str, summary: &Summary) -> String {
    let mut out = String::new();
    let t = &summary.totals;
    let _ = writeln!(out, "{name}: {:.0} s simulated", summary.seconds);
    let _ = writeln!(
        out,
        "  availability  {:.4} % ({:.1} nines), longest outage {:.0} s",
        summary.availability * 100.0,
        summary.nines,
        summary.longest_outage_s
    );
    let _ = writeln!(
        out,
        "  requests      {} arrived, {} succeeded, {} failed",
        t.arrived,
        t.succeeded,
        t.failed_total()
    );
    for (cause, count) in &summary.failures_by_cause {
        let _ = writeln!(out, "    {cause:<22} {count}");
    }
    let l = &summary.latency;
    let _ = writeln!(
        out,
        "  latency       p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms",
        l.p50_us as f64 / 1e3,
        l.p95_us as f64 / 1e3,
        l.p99_us as f64 / 1e3
    );
    if summary.messages_sent > 0 {
        let _ = writeln!(
            out,
            "  messages      {} sent, {} lost, {} duplicated ({} harmful), {} dead-lettered",
            summary.messages_sent,
            summary.messages_lost,
            summary.messages_duplicated,
            summary.duplicate_writes,
            summary.messages_dead_lettered
        );
    }
    let _ = writeln!(out, "  writes lost   {}", summary.writes_lost);
    if summary.sessions_lost > 0 {
        let _ = writeln!(
            out,
            "  sessions lost {} (kept in the memory of instances that died)",
            summary.sessions_lost
        );
    }
    let kv = &summary.key_value;
    if !kv.is_empty() {
        let _ = writeln!(
            out,
            "  key-value     {} reads ({} stale), {} writes ({} conditional checks failed), {} throttled, {} refused while down",
            kv.reads, kv.stale_reads, kv.writes, kv.conditional_failures, kv.throttled, kv.unavailable
        );
    }
    let cdn = &summary.cdn;
    if !cdn.is_empty() {
        let ratio = cdn.hit_ratio().map_or("—".to_owned(), |r| format!("{:.1} %", r * 100.0));
        let _ = writeln!(
            out,
            "  CDN           {} requests: {} static, {} edge hits ({ratio}), {} origin fetches ({} errors), {} to the load balancer, {} refused while down",
            cdn.requests,
            cdn.static_requests,
            cdn.edge_hits,
            cdn.origin_fetches,
            cdn.origin_errors,
            cdn.forwarded,
            cdn.unavailable
        );
    }
    let _ =
        writeln!(out, "  cost          ${:.2} (${:.2}/hour now)", summary.cost_usd, summary.cost_per_hour);
    for incident in &summary.incidents {
        let secs = |v: Option<f64>| v.map_or("—".to_owned(), |s| format!("{s:.0} s"));
        let _ = writeln!(
            out,
            "  incident      {} at {:.0} s: detected after {}, recovered after {}, {} requests failed",
            incident.label,
            incident.started as f64 / 1e6,
            secs(incident.time_to_detect_s()),
            secs(incident.time_to_recover_s()),
            incident.failed_requests
        );
    }
    out
}

/// A region's name as part of a CSV column name: letters and digits kept, anything else
/// (hyphens, commas, quotes) an underscore, so `us-east-1` gives `us_east_1`.
fn column_name(region: &str) -> String {
    region.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

/// A game day's verdict, a line per phase.
pub fn verdict(verdict: &Verdict) -> String {
    let mut out = format!("game day      hypothesis {}\n", if verdict.holds { "HELD" } else { "BROKEN" });
    for phase in &verdict.phases {
        let worst = phase.worst_minute.map_or("no traffic".to_owned(), |(a, at)| {
            format!("worst minute {:.3} % at {}", a * 100.0, clock(at))
        });
        let _ = writeln!(
            out,
            "  {:<11} {}–{}: {worst}, {} messages lost, {} writes lost → {}",
            format!("{:?}", phase.phase).to_lowercase(),
            clock(phase.from),
            clock(phase.to),
            phase.messages_lost,
            phase.writes_lost,
            if phase.holds { "holds" } else { "broken" }
        );
    }
    out
}

/// The series as CSV: one row per stored point, the first column its start second.
/// `regions` names the design's regions, for the by-region columns of a two-region design.
pub fn csv(series: &Series<Second>, regions: &[&str]) -> String {
    let mut out = String::from("second,arrived,succeeded");
    for cause in FailureCause::ALL {
        let _ = write!(out, ",failed_{}", cause.label().replace(' ', "_"));
    }
    out.push_str(",p50_ms,p99_ms,in_service,healthy_targets,desired,pending,queue_visible,queue_in_flight,queue_oldest_s,db_available,cost_per_hour");
    // Designs with a sticky load balancer or a key-value store record four more columns.
    let sessions = series.iter().any(|(_, s)| s.sessions.is_some());
    if sessions {
        out.push_str(",sessions_lost,kv_throttled,kv_stale_reads,kv_unavailable");
    }
    // Designs with two regions record the requests each region received and failed.
    let by_region = series.iter().any(|(_, s)| s.regions.is_some());
    if by_region {
        for name in regions.iter().take(MAX_REGIONS) {
            let name = column_name(name);
            let _ = write!(out, ",received_{name},failed_{name}");
        }
    }
    out.push('\n');
    for (start, s) in series.iter() {
        let _ = write!(out, "{start},{},{}", s.arrived, s.succeeded);
        for f in s.failed {
            let _ = write!(out, ",{f}");
        }
        let _ = write!(
            out,
            ",{},{},{},{},{},{},{},{},{},{},{}",
            s.p50_ms,
            s.p99_ms,
            s.in_service,
            s.healthy_targets,
            s.desired,
            s.pending,
            s.queue_visible,
            s.queue_in_flight,
            s.queue_oldest_s,
            s.db_available,
            s.cost_per_hour
        );
        if sessions {
            let k = s.sessions.unwrap_or_default();
            let _ = write!(
                out,
                ",{},{},{},{}",
                k.sessions_lost, k.kv_throttled, k.kv_stale_reads, k.kv_unavailable
            );
        }
        if by_region {
            let r = s.regions.unwrap_or_default();
            for k in 0..regions.len().min(MAX_REGIONS) {
                let _ = write!(out, ",{},{}", r.received[k], r.failed[k]);
            }
        }
        out.push('\n');
    }
    out
}
