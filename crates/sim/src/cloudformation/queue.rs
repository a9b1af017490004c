//! A queue → `AWS::SQS::Queue` (visibility timeout, retention, receive wait) with its
//! dead-letter queue and redrive policy when the design sets a maximum receive count.

use serde_json::json;

use super::builder::Builder;
use super::intrinsic::{get_att, name_tag, reference, whole};
use super::template::Resource;
use crate::design::QueueSpec;

/// A dead-letter queue keeps messages the longest SQS allows (14 days) [s], so a
/// poisoned message outlives its source queue's retention and can be inspected.
pub const DEAD_LETTER_RETENTION_S: u64 = 1_209_600;

/// Adds queue `id` and, with `max_receive_count`, its dead-letter queue.
pub fn export(b: &mut Builder<'_>, id: &str, q: &QueueSpec) {
    let logical = b.id(id, "Queue");
    let mut properties = json!({
        "VisibilityTimeout": whole(q.visibility_timeout_s),
        "MessageRetentionPeriod": whole(q.retention_s),
        "ReceiveMessageWaitTimeSeconds": whole(q.receive_wait_s),
        "SqsManagedSseEnabled": true,
        "Tags": name_tag(id),
    });
    if let Some(count) = q.max_receive_count {
        let dead_letter = b.id(id, "DeadLetterQueue");
        b.add(
            dead_letter.clone(),
            Resource::new(
                "AWS::SQS::Queue",
                json!({
                    "MessageRetentionPeriod": DEAD_LETTER_RETENTION_S,
                    "SqsManagedSseEnabled": true,
                    "Tags": name_tag(&format!("{id}-dead-letters")),
                }),
            )
            .with_policy("Delete"),
        );
        properties["RedrivePolicy"] =
            json!({ "deadLetterTargetArn": get_att(&dead_letter, "Arn"), "maxReceiveCount": count });
    }
    // Messages are in flight, not records: nothing to keep when the stack goes.
    b.add(logical.clone(), Resource::new("AWS::SQS::Queue", properties).with_policy("Delete"));
    b.output(b.id(id, "QueueUrl"), format!("The URL of queue {id}"), reference(&logical));
}
