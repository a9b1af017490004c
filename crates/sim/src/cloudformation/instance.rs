//! A lone instance → `AWS::EC2::Instance` in its zone's subnet: public with a public
//! address when the clients reach it directly, private behind a load balancer.

use serde_json::json;

use super::builder::{Builder, Tier};
use super::iam::instance_profile;
use super::intrinsic::{name_tag, reference, sub};
use super::network::{security_group, server_ingress};
use super::template::Resource;
use crate::design::InstanceSpec;

/// Adds the instance `id`.
pub fn export(b: &mut Builder<'_>, id: &str, i: &InstanceSpec) {
    let ingress = server_ingress(b, id);
    let group = security_group(b, id, "instance", ingress);
    let profile = instance_profile(b, id);
    let public = b.faces_clients(id);
    let tier = if public { Tier::Public } else { Tier::Private };
    let subnet = b.subnet(tier, &i.zone);
    let mut properties = json!({
        "ImageId": b.image(),
        "InstanceType": i.template.size,
        "IamInstanceProfile": reference(&profile),
        "MetadataOptions": { "HttpTokens": "required" },
        "Tags": name_tag(id),
    });
    let logical = b.id(id, "Instance");
    if public {
        properties["NetworkInterfaces"] = json!([{
            "DeviceIndex": "0",
            "SubnetId": subnet,
            "GroupSet": [group],
            "AssociatePublicIpAddress": true,
        }]);
        b.output(
            b.id(id, "Url"),
            format!("Where clients reach {id}"),
            sub(&format!("http://${{{logical}.PublicDnsName}}")),
        );
    } else {
        properties["SubnetId"] = subnet;
        properties["SecurityGroupIds"] = json!([group]);
    }
    b.add(logical, Resource::new("AWS::EC2::Instance", properties));
}
