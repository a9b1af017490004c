//! Object storage → `AWS::S3::Bucket` (private, encrypted, versioned) and a CDN →
//! `AWS::CloudFront::Distribution`.
//!
//! The distribution's default behaviour forwards every request to its next hop (the load
//! balancer's or the instance's DNS name) uncached — CloudFront's managed `CachingDisabled`
//! policy with `AllViewer` forwarding — so dynamic pages behave as without it. With object
//! storage linked, `/static/*` goes to the bucket through an origin access control, with
//! the managed `CachingOptimized` policy; the bucket policy lets only that distribution
//! read it. ("Restricting access to an Amazon S3 origin",
//! <https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html>;
//! "Use managed cache policies",
//! <https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html>.)
//!
//! The hit ratio, the static share and the latencies only the simulation knows go in
//! `Nines::Simulation`.

use serde_json::{Value, json};

use super::builder::Builder;
use super::intrinsic::{get_att, name_tag, reference, sub};
use super::template::Resource;
use crate::design::{CdnSpec, ComponentSpec, ObjectStorageSpec};

/// CloudFront's managed cache policy `CachingOptimized`.
const CACHING_OPTIMIZED: &str = "658327ea-f89e-4fab-a63d-7e88639e58f6";
/// CloudFront's managed cache policy `CachingDisabled`.
const CACHING_DISABLED: &str = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
/// CloudFront's managed origin request policy `AllViewer`.
const ALL_VIEWER: &str = "216adef6-5c7f-47e4-b989-5492eafa07d3";

/// Adds object storage `id` as a private S3 bucket.
pub fn export_storage(b: &mut Builder<'_>, id: &str, _spec: &ObjectStorageSpec) {
    let bucket = b.id(id, "Bucket");
    let properties = json!({
        "BucketEncryption": {
            "ServerSideEncryptionConfiguration": [
                { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } }
            ]
        },
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": true,
            "BlockPublicPolicy": true,
            "IgnorePublicAcls": true,
            "RestrictPublicBuckets": true,
        },
        "VersioningConfiguration": { "Status": "Enabled" },
        "Tags": name_tag(id),
    });
    // The objects are the site's assets: keep them when the stack goes.
    b.add(bucket.clone(), Resource::new("AWS::S3::Bucket", properties).with_policy("Retain"));
    b.output(b.id(id, "BucketName"), format!("The name of object storage {id}"), reference(&bucket));
}

/// Adds CDN `id` as a CloudFront distribution in front of its next hop and its bucket.
pub fn export_cdn(b: &mut Builder<'_>, id: &str, _spec: &CdnSpec) {
    let distribution = b.id(id, "Distribution");
    let receivers = b.receivers(id);
    let next = receivers
        .iter()
        .find(|c| matches!(c.spec, ComponentSpec::LoadBalancer(_) | ComponentSpec::Instance(_)));
    let storage = receivers.iter().find(|c| matches!(c.spec, ComponentSpec::ObjectStorage(_)));
    let mut origins = Vec::new();
    let mut behaviours = Vec::new();
    let default_origin = match next {
        Some(c) => {
            let domain = match c.spec {
                ComponentSpec::LoadBalancer(_) => get_att(&b.id(&c.id, "LoadBalancer"), "DNSName"),
                _ => get_att(&b.id(&c.id, "Instance"), "PublicDnsName"),
            };
            origins.push(json!({
                "Id": c.id,
                "DomainName": domain,
                "CustomOriginConfig": { "OriginProtocolPolicy": "http-only", "HTTPPort": 80 },
            }));
            Some(c.id.clone())
        }
        None => None,
    };
    if let Some(s) = storage {
        let control = b.id(id, "OriginAccessControl");
        b.add(control.clone(), origin_access_control(id));
        origins.push(json!({
            "Id": s.id,
            "DomainName": get_att(&b.id(&s.id, "Bucket"), "RegionalDomainName"),
            "S3OriginConfig": { "OriginAccessIdentity": "" },
            "OriginAccessControlId": get_att(&control, "Id"),
        }));
        behaviours.push(json!({
            "PathPattern": "/static/*",
            "TargetOriginId": s.id,
            "ViewerProtocolPolicy": "redirect-to-https",
            "CachePolicyId": CACHING_OPTIMIZED,
        }));
        bucket_policy(b, &s.id, &distribution);
    }
    let target = default_origin.or_else(|| storage.map(|s| s.id.clone())).unwrap_or_default();
    let mut config = json!({
        "Enabled": true,
        "Comment": format!("{id}, exported from Nines"),
        "Origins": origins,
        "DefaultCacheBehavior": default_behaviour(&target, storage.is_some() && next.is_none()),
    });
    if !behaviours.is_empty() {
        config["CacheBehaviors"] = Value::Array(behaviours);
    }
    b.add(
        distribution.clone(),
        Resource::new(
            "AWS::CloudFront::Distribution",
            json!({ "DistributionConfig": config, "Tags": name_tag(id) }),
        ),
    );
    b.output(
        b.id(id, "Url"),
        format!("Where clients reach {id}"),
        sub(&format!("https://${{{distribution}.DomainName}}")),
    );
}

/// The default behaviour: uncached and forwarding everything to a server, or cached when
/// the only origin is a bucket.
fn default_behaviour(target: &str, bucket_only: bool) -> Value {
    if bucket_only {
        return json!({
            "TargetOriginId": target,
            "ViewerProtocolPolicy": "redirect-to-https",
            "CachePolicyId": CACHING_OPTIMIZED,
        });
    }
    json!({
        "TargetOriginId": target,
        "ViewerProtocolPolicy": "redirect-to-https",
        "AllowedMethods": ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
        "CachePolicyId": CACHING_DISABLED,
        "OriginRequestPolicyId": ALL_VIEWER,
    })
}

/// Signs CloudFront's requests to the bucket (sigv4), so the bucket can stay private.
fn origin_access_control(id: &str) -> Resource {
    Resource::new(
        "AWS::CloudFront::OriginAccessControl",
        json!({
            "OriginAccessControlConfig": {
                "Name": sub(&format!("${{AWS::StackName}}-{id}")),
                "OriginAccessControlOriginType": "s3",
                "SigningBehavior": "always",
                "SigningProtocol": "sigv4",
            }
        }),
    )
}

/// Lets only the distribution read the bucket's objects.
fn bucket_policy(b: &mut Builder<'_>, storage: &str, distribution: &str) {
    let bucket = b.id(storage, "Bucket");
    let policy = json!({
        "Bucket": reference(&bucket),
        "PolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{
                "Sid": "CloudFrontReadsObjects",
                "Effect": "Allow",
                "Principal": { "Service": "cloudfront.amazonaws.com" },
                "Action": "s3:GetObject",
                "Resource": sub(&format!("${{{bucket}.Arn}}/*")),
                "Condition": {
                    "StringEquals": {
                        "AWS:SourceArn": sub(&format!(
                            "arn:${{AWS::Partition}}:cloudfront::${{AWS::AccountId}}:distribution/${{{distribution}}}"
                        ))
                    }
                }
            }]
        }
    });
    b.add(b.id(storage, "BucketPolicy"), Resource::new("AWS::S3::BucketPolicy", policy));
}
