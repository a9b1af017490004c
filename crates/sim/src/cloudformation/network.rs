//! Security groups: the load balancer open to the internet on the application port, servers
//! open to their load balancer (or to the internet when clients reach them directly), the
//! database open to the servers that query it.

use serde_json::{Value, json};

use super::builder::{APP_PORT, Builder};
use super::intrinsic::{get_att, name_tag};
use super::template::Resource;
use crate::design::{Component, ComponentSpec};

/// The port a PostgreSQL database listens on.
pub const DATABASE_PORT: u16 = 5432;

/// The security group of component `id`, with these ingress rules; returns its
/// `GroupId` for `SecurityGroups` / `SecurityGroupIds`.
pub fn security_group(b: &mut Builder<'_>, id: &str, what: &str, ingress: Vec<Value>) -> Value {
    let logical = b.id(id, "SecurityGroup");
    let mut properties = json!({
        "GroupDescription": format!("Nines {id}: {what}"),
        "VpcId": b.vpc(),
        "Tags": name_tag(id),
    });
    if !ingress.is_empty() {
        properties["SecurityGroupIngress"] = Value::Array(ingress);
    }
    b.add(logical.clone(), Resource::new("AWS::EC2::SecurityGroup", properties));
    get_att(&logical, "GroupId")
}

/// TCP `port` from anywhere.
pub fn from_anywhere(port: u16, why: &str) -> Value {
    json!({ "IpProtocol": "tcp", "FromPort": port, "ToPort": port, "CidrIp": "0.0.0.0/0", "Description": why })
}

/// TCP `port` from the security group of component `source`.
pub fn from_group(b: &Builder<'_>, source: &str, port: u16) -> Value {
    json!({
        "IpProtocol": "tcp",
        "FromPort": port,
        "ToPort": port,
        "SourceSecurityGroupId": get_att(&b.id(source, "SecurityGroup"), "GroupId"),
        "Description": format!("from {source}"),
    })
}

/// The ingress of a server (instance or group): the application port from each load
/// balancer that sends to it, and from anywhere when the clients reach it directly.
pub fn server_ingress(b: &Builder<'_>, id: &str) -> Vec<Value> {
    let mut rules = Vec::new();
    if b.faces_clients(id) {
        rules.push(from_anywhere(APP_PORT, "clients on the internet"));
    }
    for sender in b.senders(id) {
        if matches!(sender.spec, ComponentSpec::LoadBalancer(_)) {
            rules.push(from_group(b, &sender.id, APP_PORT));
        }
    }
    rules
}

/// Whether a component runs on EC2 instances (and so has a security group of its own).
pub fn is_server(c: &Component) -> bool {
    matches!(c.spec, ComponentSpec::Instance(_) | ComponentSpec::AutoScalingGroup(_))
}
