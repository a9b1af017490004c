//! "Export CloudFormation": the design as AWS CloudFormation templates, made by the
//! simulation library's exporter — `NAME.template.yaml` for a one-region design, one
//! `NAME-REGION.template.yaml` per region for a two-region one (a stack lives in one
//! region) — and the note that tells the learner which parameters to fill in.

use nines_sim::cloudformation::{self, Format, Options};
use nines_sim::design::{Design, validate};
use serde::{Deserialize, Serialize};

/// The MIME type the template downloads with.
pub const MIME: &str = "application/yaml";

/// One region's stack, ready to download.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateFile {
    /// The region to create the stack in, e.g. `us-west-2`.
    pub region: String,
    /// `NAME.template.yaml`, or `NAME-REGION.template.yaml` for a two-region design.
    pub file_name: String,
    /// The template as YAML.
    pub text: String,
}

/// Every stack's template as YAML (one per region), or why the design cannot be exported
/// yet (the first problem the validator found, and how many there are).
pub fn template_files(design: &Design) -> Result<Vec<TemplateFile>, String> {
    check(design)?;
    let options = Options::default();
    Ok(cloudformation::stacks(design, &options)
        .into_iter()
        .map(|stack| TemplateFile {
            file_name: cloudformation::file_name(design, &stack, Format::Yaml),
            text: cloudformation::stack_text(design, &stack, Format::Yaml),
            region: stack.region,
        })
        .collect())
}

/// Why `design` cannot be exported: its first problem, or a link across regions' stacks.
fn check(design: &Design) -> Result<(), String> {
    let problems = validate(design);
    if let Some(first) = problems.first() {
        let more = match problems.len() {
            1 => String::new(),
            n => format!(" ({} more problems in the inspector)", n - 1),
        };
        let at = if first.path.is_empty() { String::new() } else { format!("{}: ", first.path) };
        return Err(format!(
            "Fix the design before exporting it as CloudFormation: {at}{}{more}",
            first.message
        ));
    }
    if let Some(reason) = cloudformation::refusal(design) {
        return Err(format!(
            "This design cannot be exported as one CloudFormation stack per region: {reason}."
        ));
    }
    Ok(())
}

/// What to fill in when creating the stack (each region's, for a two-region design), in
/// one sentence after the file name.
pub fn fill_in_note(design: &Design) -> String {
    let stacks = cloudformation::stacks(design, &Options::default());
    let mut needed: Vec<String> =
        stacks.iter().flat_map(|s| cloudformation::to_fill_in(&s.template.parameters)).collect();
    needed.sort();
    needed.dedup();
    let what = if stacks.len() > 1 { "each region's stack (in its region)" } else { "the stack" };
    let mut note = if needed.is_empty() {
        "Every parameter has a default".to_owned()
    } else {
        format!("When you create {what}, fill in {}", needed.join(", "))
    };
    if stacks.iter().any(|s| s.template.parameters.contains_key("ImageId")) {
        note.push_str("; the AMI defaults to Amazon Linux 2023 (bake your application into your own)");
    }
    note.push_str(". What Nines only simulates, and its high-availability findings, are under Metadata.");
    note
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::{ComponentSpec, reference};

    #[test]
    fn the_file_is_named_after_the_design() {
        let name = |design: &Design| {
            let stacks = cloudformation::stacks(design, &Options::default());
            cloudformation::file_name(design, &stacks[0], Format::Yaml)
        };
        assert_eq!(name(&reference::three_tier()), "three-tier.template.yaml");
        let mut design = reference::three_tier();
        design.name = String::new();
        assert_eq!(name(&design), "design.template.yaml");
    }

    #[test]
    fn the_note_names_the_network_parameters() {
        let note = fill_in_note(&reference::three_tier());
        assert!(note.starts_with("When you create the stack, fill in PrivateSubnetA, PrivateSubnetB, PublicSubnetA, PublicSubnetB, VpcId; the AMI defaults"), "{note}");
    }

    #[test]
    fn a_broken_design_is_refused_with_its_first_problem() {
        let mut design = reference::three_tier();
        for c in &mut design.components {
            if let ComponentSpec::Queue(q) = &mut c.spec {
                q.visibility_timeout_s = -5.0;
            }
        }
        let error = template_files(&design).expect_err("refused");
        assert!(error.contains("components[3].visibility_timeout_s"), "{error}");
        let files = template_files(&reference::three_tier()).expect("exported");
        assert!(files[0].text.contains("Lb1LoadBalancer:") && files[0].text.contains("WebGroup:"));
    }

    #[test]
    fn a_two_region_design_is_a_file_per_region() {
        let design = reference::multi_region();
        let files = template_files(&design).expect("exported");
        let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
        assert_eq!(names, ["multi-region-us-east-1.template.yaml", "multi-region-us-west-2.template.yaml"]);
        assert_eq!(files[1].region, "us-west-2");
        assert!(files[0].text.contains("LbEastRecord:") && !files[0].text.contains("LbWestRecord:"));
        assert!(files[1].text.contains("Failover: SECONDARY"));
        let note = fill_in_note(&design);
        assert!(note.starts_with("When you create each region's stack (in its region), fill in DnsHostedZoneId, DnsRecordName, PrivateSubnetA"), "{note}");
        let one = template_files(&reference::three_tier()).expect("exported");
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].file_name, "three-tier.template.yaml");
        let whole = cloudformation::export(&reference::three_tier(), &Options::default(), Format::Yaml);
        assert_eq!(one[0].text, whole, "a one-region design's file is the whole design's template");
    }
}
