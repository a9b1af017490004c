//! The report as text for the command line: grades first, then the evidence behind each,
//! the recovery table and the experiments.

use std::fmt::Write as _;

use super::report::Report;
use super::score::clock;

/// The whole report as text, one line per fact.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} ({}/100)   availability {:.4} % ({:.2} nines)   ${:.2}/month",
        if report.design.is_empty() { "design" } else { &report.design },
        report.overall.grade.as_str(),
        report.overall.score,
        report.availability * 100.0,
        report.nines,
        report.cost_per_month
    );
    if let Some(i) = &report.interval {
        let _ = writeln!(
            out,
            "  over {} seeds: {:.4} % (95 % interval {:.4}–{:.4} %)",
            i.seeds,
            i.mean * 100.0,
            i.low * 100.0,
            i.high * 100.0
        );
    }
    for p in &report.principles {
        let _ = writeln!(out, "\n{} {:<28} {:>3}/100", p.grade.as_str(), p.title, p.score);
        for e in &p.evidence {
            let mark = if e.points < 0 { '-' } else { '+' };
            let points =
                if e.of == 0 { "   ".to_owned() } else { format!("{mark}{:>2}", e.points.unsigned_abs()) };
            let _ = writeln!(out, "  {points} {}", e.text);
        }
        if let Some(hint) = &p.hint {
            let _ = writeln!(out, "  hint: {hint}");
        }
    }
    recovery(&mut out, report);
    experiments(&mut out, report);
    out
}

fn recovery(out: &mut String, report: &Report) {
    let _ = writeln!(out, "\nrecovery      RTO        target  RPO (writes, messages)  verdict");
    for r in &report.recovery {
        let rto = r.rto_s.map_or_else(|| "never".to_owned(), |s| format!("{s:.0} s"));
        let _ = writeln!(
            out,
            "  {:<11} {:<10} {:>5.0} s  {:>6}, {:<15} {}",
            r.kind.as_str(),
            rto,
            r.policy.rto_s,
            r.rpo.writes_lost,
            r.rpo.messages_lost,
            if r.met { "met" } else { "breached" }
        );
    }
}

fn experiments(out: &mut String, report: &Report) {
    let _ = writeln!(out, "\nexperiments (seed, faults, availability during/after, failed, detect, recover)");
    for (i, e) in report.experiments.iter().enumerate() {
        let r = &e.result;
        let faults: Vec<String> =
            e.faults.iter().map(|f| format!("{} {}", clock(f.at), f.command.describe())).collect();
        let _ = writeln!(
            out,
            "  {i:>2} {:<34} {:>8.4} % {:>8.4} % {:>7} {:>6} {:>6}  {}{}",
            e.name,
            r.availability_during * 100.0,
            r.availability_after * 100.0,
            r.requests_failed,
            r.time_to_detect_s.map_or_else(|| "—".to_owned(), |s| format!("{s:.0} s")),
            r.time_to_recover_s.map_or_else(|| "—".to_owned(), |s| format!("{s:.0} s")),
            faults.join("; "),
            if r.holds { "" } else { "  (hypothesis broken)" }
        );
    }
}
