//! An SQS standard queue's settings as drawn: what the learner chose in the design.
//! The running queue built from them is `world/sqs_queue.rs` ([`crate::world::Queue`]);
//! the workers that poll it are in `world/consumer.rs`.

use serde::{Deserialize, Serialize};

/// A standard queue: at-least-once delivery, visibility timeout, optional dead-letter queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueSpec {
    /// A received message stays invisible this long unless deleted [s]; default 30, range 0–43,200.
    pub visibility_timeout_s: f64,
    /// Messages older than this are deleted unprocessed: lost [s]; default 345,600 (4 days), range 60–1,209,600.
    pub retention_s: f64,
    /// Long-poll wait of a receive [s]; range 0–20. AWS's queue default is 0 (short polling);
    /// Nines starts at 20, the long polling AWS recommends for consumers.
    pub receive_wait_s: f64,
    /// Messages one receive may return; range 1–10, default 10.
    pub batch_size: u32,
    /// After more receives than this a message moves to the dead-letter queue; `null` = no DLQ.
    pub max_receive_count: Option<u32>,
}

impl Default for QueueSpec {
    fn default() -> Self {
        QueueSpec {
            visibility_timeout_s: 30.0,
            retention_s: 345_600.0,
            receive_wait_s: 20.0,
            batch_size: 10,
            max_receive_count: Some(5),
        }
    }
}
