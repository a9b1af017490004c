//! A key-value store → `AWS::DynamoDB::Table`: provisioned billing with the design's read
//! and write capacity units, a simple (string) partition key, point-in-time recovery and
//! server-side encryption. A table is regional — DynamoDB replicates it across three
//! zones itself — so it has no subnets and no security group; servers reach it over the
//! DynamoDB API with the permissions their roles grant (`iam.rs`).
//!
//! What only the simulation knows (replication lag, call latency, whether the
//! application asks for strongly consistent reads) goes in `Nines::Simulation`:
//! consistency is not a table setting but a per-call choice (`ConsistentRead`).

use serde_json::json;

use super::builder::Builder;
use super::intrinsic::{get_att, name_tag, reference};
use super::template::Resource;
use crate::design::KeyValueStoreSpec;

/// The partition key's attribute name: Nines models items by key only.
pub const PARTITION_KEY: &str = "pk";

/// The logical-id role of a store's table, e.g. `SessionsTable`.
pub const TABLE: &str = "Table";

/// Adds key-value store `id` as a DynamoDB table.
pub fn export(b: &mut Builder<'_>, id: &str, kv: &KeyValueStoreSpec) {
    let logical = b.id(id, TABLE);
    let properties = json!({
        "BillingMode": "PROVISIONED",
        "ProvisionedThroughput": {
            "ReadCapacityUnits": kv.read_capacity,
            "WriteCapacityUnits": kv.write_capacity,
        },
        "AttributeDefinitions": [{ "AttributeName": PARTITION_KEY, "AttributeType": "S" }],
        "KeySchema": [{ "AttributeName": PARTITION_KEY, "KeyType": "HASH" }],
        "PointInTimeRecoverySpecification": { "PointInTimeRecoveryEnabled": true },
        "SSESpecification": { "SSEEnabled": true },
        "Tags": name_tag(id),
    });
    // The items are records (sessions, state): keep them when the stack goes.
    b.add(logical.clone(), Resource::new("AWS::DynamoDB::Table", properties).with_policy("Retain"));
    b.leave_out(format!(
        "{id} is regional: its servers reach the DynamoDB API through their subnets' NAT gateway; a DynamoDB gateway VPC endpoint (free, off the internet) is not created"
    ));
    b.output(b.id(id, "TableName"), format!("The name of key-value store {id}"), reference(&logical));
    b.output(b.id(id, "TableArn"), format!("The ARN of key-value store {id}"), get_att(&logical, "Arn"));
}
