//! "Export CloudFormation": the design as an AWS CloudFormation template
//! (`NAME.template.yaml`), made by the simulation library's exporter, and the note that
//! tells the learner which parameters to fill in when creating the stack.

use nines_sim::cloudformation::{self, Format, Options};
use nines_sim::design::{Design, validate};

use super::import::slug;

/// The MIME type the template downloads with.
pub const MIME: &str = "application/yaml";

/// `three-tier.template.yaml` for "Three tier": the CloudFormation console's usual name.
pub fn template_file_name(design: &Design) -> String {
    format!("{}.template.yaml", slug(&design.name))
}

/// The template as YAML, or why the design cannot be exported yet (the first problem the
/// validator found, and how many there are).
pub fn template_text(design: &Design) -> Result<String, String> {
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
        return Err(format!("This design cannot be one CloudFormation stack: {reason}."));
    }
    Ok(cloudformation::export(design, &Options::default(), Format::Yaml))
}

/// What to fill in when creating the stack, in one sentence after the file name.
pub fn fill_in_note(design: &Design) -> String {
    let template = cloudformation::cloudformation(design, &Options::default());
    let needed = cloudformation::to_fill_in(&template.parameters);
    let mut note = if needed.is_empty() {
        "Every parameter has a default".to_owned()
    } else {
        format!("When you create the stack, fill in {}", needed.join(", "))
    };
    if template.parameters.contains_key("ImageId") {
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
        assert_eq!(template_file_name(&reference::three_tier()), "three-tier.template.yaml");
        let mut design = reference::three_tier();
        design.name = String::new();
        assert_eq!(template_file_name(&design), "design.template.yaml");
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
        let error = template_text(&design).expect_err("refused");
        assert!(error.contains("components[3].visibility_timeout_s"), "{error}");
        let text = template_text(&reference::three_tier()).expect("exported");
        assert!(text.contains("Lb1LoadBalancer:") && text.contains("WebGroup:"));
    }
}
