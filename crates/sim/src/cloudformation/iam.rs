//! The role of each server: Session Manager instead of SSH keys, and exactly the access its
//! links need (send to a queue, consume a queue, read the database's managed password,
//! get, put, update and query a key-value store's table).

use serde_json::{Value, json};

use super::builder::Builder;
use super::intrinsic::{get_att, reference};
use super::key_value_store::TABLE;
use super::template::Resource;
use crate::design::ComponentSpec;

/// Session Manager access, so no key pair or open SSH port is needed.
const SSM_CORE: &str = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

/// What a server may do to a key-value store it calls: read, write and query items of
/// that one table; not scan, delete or manage it (least privilege).
const KEY_VALUE_ACTIONS: [&str; 4] =
    ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"];

/// Adds a role and instance profile for server `id`; returns the profile's logical id.
pub fn instance_profile(b: &mut Builder<'_>, id: &str) -> String {
    let role = b.id(id, "Role");
    let mut properties = json!({
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": { "Service": "ec2.amazonaws.com" },
                "Action": "sts:AssumeRole",
            }],
        },
        "ManagedPolicyArns": [SSM_CORE],
    });
    let statements = statements(b, id);
    if !statements.is_empty() {
        properties["Policies"] = json!([{
            "PolicyName": "nines-links",
            "PolicyDocument": { "Version": "2012-10-17", "Statement": statements },
        }]);
    }
    b.add(role.clone(), Resource::new("AWS::IAM::Role", properties));
    let profile = b.id(id, "InstanceProfile");
    b.add(
        profile.clone(),
        Resource::new("AWS::IAM::InstanceProfile", json!({ "Roles": [reference(&role)] })),
    );
    profile
}

/// One statement per link of `id` that needs a permission.
fn statements(b: &Builder<'_>, id: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for sender in b.senders(id) {
        if matches!(sender.spec, ComponentSpec::Queue(_)) {
            let actions = [
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes",
            ];
            out.push(allow(&actions, get_att(&b.id(&sender.id, "Queue"), "Arn")));
        }
    }
    for receiver in b.receivers(id) {
        match receiver.spec {
            ComponentSpec::Queue(_) => {
                out.push(allow(&["sqs:SendMessage"], get_att(&b.id(&receiver.id, "Queue"), "Arn")));
            }
            ComponentSpec::Database(_) => {
                let secret = get_att(&b.id(&receiver.id, "Database"), "MasterUserSecret.SecretArn");
                out.push(allow(&["secretsmanager:GetSecretValue"], secret));
            }
            ComponentSpec::KeyValueStore(_) => {
                let table = get_att(&b.id(&receiver.id, TABLE), "Arn");
                out.push(allow(&KEY_VALUE_ACTIONS, table));
            }
            _ => {}
        }
    }
    out
}

fn allow(actions: &[&str], resource: Value) -> Value {
    json!({ "Effect": "Allow", "Action": actions, "Resource": resource })
}
