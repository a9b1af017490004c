//! Each component's parameters land in the property CloudFormation reads them from.

use serde_json::{Value, json};

use super::*;
use crate::design::{
    AlarmSpec, ComponentSpec, Connection, MetricName, PolicySpec, Position, StepAdjustment, reference,
};
use crate::grade::RecoveryPolicy;

fn template(design: &Design) -> Template {
    cloudformation(design, &Options::default())
}

fn props<'a>(t: &'a Template, logical: &str) -> &'a Value {
    &t.resources.get(logical).unwrap_or_else(|| panic!("no {logical} in {:?}", t.resources.keys())).properties
}

fn reference_to(name: &str) -> Value {
    json!({ "Ref": name })
}

fn spec_mut<'a>(design: &'a mut Design, id: &str) -> &'a mut ComponentSpec {
    &mut design.components.iter_mut().find(|c| c.id == id).expect("component").spec
}

fn add(design: &mut Design, id: &str, spec: ComponentSpec) {
    design.components.push(Component {
        id: id.to_owned(),
        position: Some(Position::default()),
        region: None,
        spec,
    });
}

#[test]
fn health_checks_and_draining_land_in_the_target_group() {
    let mut design = reference::three_tier();
    if let ComponentSpec::LoadBalancer(lb) = spec_mut(&mut design, "lb-1") {
        lb.health_check.interval_s = 10.0;
        lb.health_check.timeout_s = 3.0;
        lb.health_check.healthy_threshold = 3;
        lb.health_check.unhealthy_threshold = 4;
        lb.deregistration_delay_s = 45.0;
        lb.cross_zone = false;
    }
    let t = template(&design);
    let tg = props(&t, "Lb1TargetGroup");
    assert_eq!(tg["HealthCheckIntervalSeconds"], 10);
    assert_eq!(tg["HealthCheckTimeoutSeconds"], 3);
    assert_eq!(tg["HealthyThresholdCount"], 3);
    assert_eq!(tg["UnhealthyThresholdCount"], 4);
    assert_eq!(tg["HealthCheckPath"], reference_to("HealthCheckPath"));
    let attributes = tg["TargetGroupAttributes"].as_array().expect("attributes");
    assert!(attributes.contains(&json!({ "Key": "deregistration_delay.timeout_seconds", "Value": "45" })));
    assert!(attributes.contains(&json!({ "Key": "load_balancing.cross_zone.enabled", "Value": "false" })));
    let lb = props(&t, "Lb1LoadBalancer");
    assert_eq!(lb["Subnets"], json!([reference_to("PublicSubnetA"), reference_to("PublicSubnetB")]));
    assert_eq!(
        props(&t, "Lb1Listener")["DefaultActions"][0]["TargetGroupArn"],
        reference_to("Lb1TargetGroup")
    );
}

#[test]
fn a_group_keeps_its_size_zones_and_health_checks() {
    let mut design = reference::three_tier();
    if let ComponentSpec::AutoScalingGroup(g) = spec_mut(&mut design, "web") {
        g.zones = vec!["b".to_owned(), "c".to_owned()];
        (g.min, g.desired, g.max) = (3, 5, 9);
        g.grace_period_s = 120.0;
        g.warmup_s = Some(90.0);
    }
    let t = template(&design);
    let group = props(&t, "WebGroup");
    assert_eq!(
        (&group["MinSize"], &group["DesiredCapacity"], &group["MaxSize"]),
        (&json!("3"), &json!("5"), &json!("9"))
    );
    assert_eq!(
        group["VPCZoneIdentifier"],
        json!([reference_to("PrivateSubnetB"), reference_to("PrivateSubnetC")])
    );
    assert_eq!(group["HealthCheckType"], "ELB");
    assert_eq!(group["HealthCheckGracePeriod"], 120);
    assert_eq!(group["DefaultInstanceWarmup"], 90);
    assert_eq!(group["TargetGroupARNs"], json!([reference_to("Lb1TargetGroup")]));
    assert_eq!(props(&t, "WebLaunchTemplate")["LaunchTemplateData"]["InstanceType"], "m5.large");
    assert!(t.parameters.contains_key("PrivateSubnetC"), "zone c's subnet is a parameter");
    // The worker group has no load balancer: EC2 checks, no target group.
    let workers = props(&t, "WorkersGroup");
    assert_eq!(workers["HealthCheckType"], "EC2");
    assert!(workers.get("TargetGroupARNs").is_none());
}

#[test]
fn the_queue_keeps_its_timeouts_and_redrives_to_its_dead_letter_queue() {
    let mut design = reference::three_tier();
    if let ComponentSpec::Queue(q) = spec_mut(&mut design, "jobs") {
        q.visibility_timeout_s = 120.0;
        q.retention_s = 86_400.0;
        q.receive_wait_s = 10.0;
        q.max_receive_count = Some(3);
    }
    let t = template(&design);
    let queue = props(&t, "JobsQueue");
    assert_eq!(queue["VisibilityTimeout"], 120);
    assert_eq!(queue["MessageRetentionPeriod"], 86_400);
    assert_eq!(queue["ReceiveMessageWaitTimeSeconds"], 10);
    assert_eq!(queue["RedrivePolicy"]["maxReceiveCount"], 3);
    assert_eq!(
        queue["RedrivePolicy"]["deadLetterTargetArn"],
        json!({ "Fn::GetAtt": ["JobsDeadLetterQueue", "Arn"] })
    );
    // Without a maximum receive count there is no dead-letter queue.
    if let ComponentSpec::Queue(q) = spec_mut(&mut design, "jobs") {
        q.max_receive_count = None;
    }
    let t = template(&design);
    assert!(props(&t, "JobsQueue").get("RedrivePolicy").is_none());
    assert!(!t.resources.contains_key("JobsDeadLetterQueue"));
}

#[test]
fn a_standby_makes_the_database_multi_az_and_replicas_follow_the_primary() {
    let mut design = reference::three_tier();
    if let ComponentSpec::Database(db) = spec_mut(&mut design, "db") {
        db.read_replicas = vec!["b".to_owned(), "c".to_owned()];
    }
    let t = template(&design);
    let db = props(&t, "DbDatabase");
    assert_eq!(db["MultiAZ"], true);
    assert!(db.get("AvailabilityZone").is_none(), "RDS places a Multi-AZ pair");
    assert_eq!(db["ManageMasterUserPassword"], true);
    assert!(db.get("MasterUserPassword").is_none(), "never a password in the template");
    assert_eq!(t.resources["DbDatabase"].deletion_policy.as_deref(), Some("Snapshot"));
    let replica = props(&t, "DbReplica2");
    assert_eq!(replica["SourceDBInstanceIdentifier"], reference_to("DbDatabase"));
    assert_eq!(replica["AvailabilityZone"], json!({ "Fn::Sub": "${AWS::Region}c" }));
    let subnets = &props(&t, "DbSubnetGroup")["SubnetIds"];
    assert_eq!(subnets.as_array().map(Vec::len), Some(3), "zones a, b, c: {subnets}");
    let one = template(&reference::single_server());
    let db = props(&one, "Db1Database");
    assert_eq!(db["MultiAZ"], false);
    assert_eq!(db["AvailabilityZone"], json!({ "Fn::Sub": "${AWS::Region}a" }));
    // A subnet group needs two zones even for a single-AZ database.
    assert_eq!(props(&one, "Db1SubnetGroup")["SubnetIds"].as_array().map(Vec::len), Some(2));
}

#[test]
fn the_database_admits_only_the_servers_that_query_it() {
    let t = template(&reference::three_tier());
    let ingress = props(&t, "DbSecurityGroup")["SecurityGroupIngress"].as_array().expect("rules").clone();
    let sources: Vec<&Value> = ingress.iter().map(|r| &r["SourceSecurityGroupId"]["Fn::GetAtt"][0]).collect();
    assert_eq!(sources, [&json!("WebSecurityGroup"), &json!("WorkersSecurityGroup")]);
    assert!(ingress.iter().all(|r| r["FromPort"] == 5432));
}

#[test]
fn policies_track_cpu_and_backlog_and_alarms_trigger_step_policies() {
    let mut design = reference::three_tier();
    if let ComponentSpec::AutoScalingGroup(g) = spec_mut(&mut design, "web") {
        let steps = vec![StepAdjustment { lower: Some(0.0), upper: None, change: 2 }];
        g.policies.push(PolicySpec::Step { alarm: "web-cpu".to_owned(), steps });
    }
    let alarm = AlarmSpec { source: "web".to_owned(), threshold: 80.0, ..AlarmSpec::default() };
    add(&mut design, "web-cpu", ComponentSpec::Alarm(alarm));
    let t = template(&design);
    let cpu = props(&t, "WebScalingPolicy1");
    assert_eq!(cpu["TargetTrackingConfiguration"]["TargetValue"], 50.0);
    assert_eq!(
        cpu["TargetTrackingConfiguration"]["PredefinedMetricSpecification"]["PredefinedMetricType"],
        "ASGAverageCPUUtilization"
    );
    let backlog = &props(&t, "WorkersScalingPolicy1")["TargetTrackingConfiguration"];
    assert_eq!(backlog["TargetValue"], 100.0);
    let queries = backlog["CustomizedMetricSpecification"]["Metrics"].as_array().expect("metric math");
    assert_eq!(queries[2]["Expression"], "messages / instances");
    assert_eq!(props(&t, "WorkersGroup")["MetricsCollection"][0]["Metrics"][0], "GroupInServiceInstances");
    let step = props(&t, "WebScalingPolicy2");
    assert_eq!(step["PolicyType"], "StepScaling");
    assert_eq!(
        step["StepAdjustments"][0],
        json!({ "MetricIntervalLowerBound": 0.0, "ScalingAdjustment": 2 })
    );
    let alarm = props(&t, "WebCpuAlarm");
    assert_eq!(alarm["AlarmActions"], json!([reference_to("WebScalingPolicy2")]));
    assert_eq!((&alarm["Threshold"], &alarm["MetricName"]), (&json!(80.0), &json!("CPUUtilization")));
    let age = props(&t, "JobsAgeAlarm");
    assert_eq!(age["MetricName"], "ApproximateAgeOfOldestMessage");
    assert_eq!(
        (&age["Statistic"], &age["Period"], &age["Threshold"]),
        (&json!("Maximum"), &json!(60), &json!(300.0))
    );
}

#[test]
fn what_cannot_be_expressed_is_listed_not_dropped() {
    let mut design = reference::three_tier();
    if let ComponentSpec::AutoScalingGroup(g) = spec_mut(&mut design, "web") {
        g.max = g.min;
    }
    let alarm =
        AlarmSpec { source: "jobs".to_owned(), metric: MetricName::CpuUtilization, ..AlarmSpec::default() };
    add(&mut design, "queue-cpu", ComponentSpec::Alarm(alarm));
    let fast = AlarmSpec { source: "web".to_owned(), period_s: 10.0, ..AlarmSpec::default() };
    add(&mut design, "fast", ComponentSpec::Alarm(fast));
    let t = template(&design);
    let left_out = t.metadata[LEFT_OUT].as_array().expect("a list");
    let says = |needle: &str| left_out.iter().any(|s| s.as_str().is_some_and(|s| s.contains(needle)));
    assert!(says("web's scaling policy 1"), "{left_out:?}");
    assert!(says("alarm queue-cpu"), "{left_out:?}");
    assert!(says("alarm fast's 10 s period"), "{left_out:?}");
    assert_eq!(props(&t, "FastAlarm")["Period"], 60);
    assert!(!t.resources.contains_key("WebScalingPolicy1") && !t.resources.contains_key("QueueCpuAlarm"));
    let simulation = &t.metadata[SIMULATION]["Components"];
    assert_eq!(simulation["web"]["Service"]["mean_ms"], 20);
    assert_eq!(simulation["clients"]["Traffic"]["profile"]["rate"], 1000);
}

#[test]
fn single_zone_groups_and_single_az_databases_are_found_in_metadata() {
    let mut design = reference::by_name("auto-scaling").expect("shipped");
    if let ComponentSpec::AutoScalingGroup(g) = spec_mut(&mut design, "web") {
        g.zones = vec!["a".to_owned()];
    }
    if let ComponentSpec::Database(db) = spec_mut(&mut design, "db-1") {
        db.standby_zone = None;
    }
    let t = template(&design);
    let findings = t.metadata[FINDINGS].as_array().expect("a list");
    let found = |component: &str, needle: &str| {
        findings
            .iter()
            .any(|f| f["component"] == component && f["text"].as_str().is_some_and(|t| t.contains(needle)))
    };
    assert!(found("web", "spans 1 zone"), "{findings:#?}");
    assert!(found("db-1", "has no standby"), "{findings:#?}");
    assert!(found("db-1", "spans 1 zone"), "{findings:#?}");
    assert_eq!(props(&t, "WebGroup")["VPCZoneIdentifier"], json!([reference_to("PrivateSubnetA")]));
    let three = template(&reference::three_tier());
    assert!(
        three.metadata[FINDINGS].as_array().is_some_and(|f| f.iter().all(|f| f["principle"] != "multi_az"))
    );
}

#[test]
fn a_load_balancer_in_one_zone_gets_a_second_subnet_and_says_so() {
    let mut design = reference::three_tier();
    if let ComponentSpec::LoadBalancer(lb) = spec_mut(&mut design, "lb-1") {
        lb.zones = vec!["c".to_owned()];
    }
    let t = template(&design);
    assert_eq!(
        props(&t, "Lb1LoadBalancer")["Subnets"],
        json!([reference_to("PublicSubnetC"), reference_to("PublicSubnetA")])
    );
    assert!(t.metadata[LEFT_OUT].to_string().contains("lb-1 has a node in zone c only"));
}

#[test]
fn a_lone_server_facing_the_clients_gets_a_public_address() {
    let t = template(&reference::single_server());
    let instance = props(&t, "Web1Instance");
    assert_eq!(instance["NetworkInterfaces"][0]["SubnetId"], reference_to("PublicSubnetA"));
    assert_eq!(instance["NetworkInterfaces"][0]["AssociatePublicIpAddress"], true);
    let behind = template(&reference::by_name("two-zones").expect("shipped"));
    assert_eq!(props(&behind, "Web2Instance")["SubnetId"], reference_to("PrivateSubnetB"));
    let targets = props(&behind, "Lb1TargetGroup")["Targets"].as_array().expect("instances registered").len();
    assert_eq!(targets, 2);
}

#[test]
fn the_game_day_loses_a_zone_and_carries_the_report_cards_targets() {
    let design = reference::three_tier();
    assert!(!template(&design).resources.contains_key("GameDayLoseZone"), "only when asked");
    let t = cloudformation(&design, &Options { game_day: true, policy: None });
    let experiment = props(&t, "GameDayLoseZone");
    assert_eq!(
        experiment["StopConditions"][0]["Value"],
        json!({ "Fn::GetAtt": ["GameDayStopAlarm", "Arn"] })
    );
    assert_eq!(experiment["Actions"]["StopWebInZoneA"]["ActionId"], "aws:ec2:stop-instances");
    let target = &experiment["Targets"]["WebInstancesInZoneA"];
    assert_eq!(target["ResourceTags"]["aws:autoscaling:groupName"], reference_to("WebGroup"));
    assert_eq!(target["Filters"][0]["Values"][0], json!({ "Fn::Sub": "${AWS::Region}a" }));
    let failover = props(&t, "GameDayFailoverDb");
    assert_eq!(failover["Actions"]["Failover"]["ActionId"], "aws:rds:reboot-db-instances");
    assert_eq!(
        failover["Targets"]["DbPrimary"]["ResourceArns"][0],
        json!({ "Fn::GetAtt": ["DbDatabase", "DBInstanceArn"] })
    );
    let defaults = RecoveryPolicy::default();
    let policy = &props(&t, "ResiliencyPolicy")["Policy"];
    assert_eq!(policy["AZ"]["RtoInSecs"], defaults.zone.rto_s as u64);
    assert_eq!(
        policy["Hardware"]["RtoInSecs"], defaults.database.rto_s as u64,
        "the stricter of instance and database"
    );
    assert_eq!(policy["Software"]["RpoInSecs"], 0);
}

#[test]
fn logical_ids_follow_component_ids_and_links_need_no_order() {
    let mut design = reference::three_tier();
    design.connections.reverse();
    design.components.reverse();
    design.connections.push(Connection { from: "web".to_owned(), to: "jobs".to_owned() });
    let t = template(&design);
    for id in ["Lb1LoadBalancer", "WebGroup", "WorkersGroup", "JobsQueue", "DbDatabase", "JobsAgeAlarm"] {
        assert!(t.resources.contains_key(id), "{id}");
    }
}

#[test]
fn the_same_design_gives_the_same_text() {
    let design = reference::three_tier();
    let options = Options { game_day: true, policy: None };
    assert_eq!(export(&design, &options, Format::Yaml), export(&design, &options, Format::Yaml));
    let json: Value = serde_json::from_str(&export(&design, &options, Format::Json)).expect("JSON");
    assert_eq!(json["AWSTemplateFormatVersion"], FORMAT_VERSION);
    let yaml = export(&design, &options, Format::Yaml);
    assert!(yaml.starts_with("# Three tier"), "{}", &yaml[..80]);
    assert!(yaml.contains(
        "# Fill in before deploying: PrivateSubnetA, PrivateSubnetB, PublicSubnetA, PublicSubnetB, VpcId."
    ));
}

#[test]
fn a_key_value_store_becomes_a_table_with_its_capacity_and_least_privilege_callers() {
    let mut design = reference::session_store();
    if let ComponentSpec::KeyValueStore(kv) = spec_mut(&mut design, "sessions") {
        kv.read_capacity = 1234;
        kv.write_capacity = 567;
        kv.consistent_reads = true;
        kv.replication_lag_ms = 750.0;
    }
    let t = template(&design);
    let table = &t.resources["SessionsTable"];
    assert_eq!(table.kind, "AWS::DynamoDB::Table");
    assert_eq!(table.deletion_policy.as_deref(), Some("Retain"));
    let p = &table.properties;
    assert_eq!(p["BillingMode"], "PROVISIONED");
    assert_eq!(p["ProvisionedThroughput"], json!({ "ReadCapacityUnits": 1234, "WriteCapacityUnits": 567 }));
    assert_eq!(p["KeySchema"], json!([{ "AttributeName": "pk", "KeyType": "HASH" }]));
    assert_eq!(p["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"], true);
    assert_eq!(p["SSESpecification"]["SSEEnabled"], true);
    assert!(p.get("SubnetIds").is_none() && !t.resources.contains_key("SessionsSecurityGroup"));
    // Each web instance may read and write that one table, and nothing more on DynamoDB.
    for web in ["Web1Role", "Web2Role", "Web3Role"] {
        let statements = &props(&t, web)["Policies"][0]["PolicyDocument"]["Statement"];
        let dynamo: Vec<&Value> = statements
            .as_array()
            .expect("statements")
            .iter()
            .filter(|s| s["Action"].to_string().contains("dynamodb:"))
            .collect();
        assert_eq!(dynamo.len(), 1, "{web}: {statements:#}");
        assert_eq!(
            dynamo[0]["Action"],
            json!(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"])
        );
        assert_eq!(dynamo[0]["Resource"], json!({ "Fn::GetAtt": ["SessionsTable", "Arn"] }));
    }
    let facts = &t.metadata[SIMULATION]["Components"]["sessions"];
    assert_eq!(facts["Kind"], "key_value_store");
    assert_eq!(facts["ReplicationLagMilliseconds"], 750);
    assert_eq!(facts["ReadConsistency"], "strong");
    assert!(facts["ConsistentRead"].as_str().is_some_and(|s| s.contains("ConsistentRead=true")));
}

#[test]
fn a_server_without_a_link_to_the_store_gets_no_access_to_it() {
    let mut design = reference::session_store();
    design.connections.retain(|c| !(c.from == "web-3" && c.to == "sessions"));
    let t = template(&design);
    let policies = props(&t, "Web3Role").get("Policies").map(Value::to_string).unwrap_or_default();
    assert!(!policies.contains("dynamodb:"), "{policies}");
    assert!(props(&t, "Web1Role")["Policies"].to_string().contains("dynamodb:GetItem"));
}

#[test]
fn stickiness_lands_in_the_target_group_only_when_turned_on() {
    let sticky = |t: &Template| -> Vec<Value> {
        props(t, "Lb1TargetGroup")["TargetGroupAttributes"]
            .as_array()
            .expect("attributes")
            .iter()
            .filter(|a| a["Key"].as_str().is_some_and(|k| k.starts_with("stickiness.")))
            .cloned()
            .collect()
    };
    let mut design = reference::sticky_sessions();
    if let ComponentSpec::LoadBalancer(lb) = spec_mut(&mut design, "lb-1") {
        assert!(lb.stickiness, "the sticky-sessions design is sticky");
        lb.stickiness_duration_s = 3600.0;
    }
    assert_eq!(
        sticky(&template(&design)),
        [
            json!({ "Key": "stickiness.enabled", "Value": "true" }),
            json!({ "Key": "stickiness.type", "Value": "lb_cookie" }),
            json!({ "Key": "stickiness.lb_cookie.duration_seconds", "Value": "3600" }),
        ]
    );
    assert_eq!(sticky(&template(&reference::three_tier())), Vec::<Value>::new());
}

#[test]
fn sticky_sessions_in_memory_are_a_finding_and_in_a_store_are_not() {
    let loses = |design: &Design| {
        let t = template(design);
        t.metadata[FINDINGS].as_array().expect("a list").iter().any(|f| {
            f["text"]
                .as_str()
                .is_some_and(|t| t.contains("pins users to targets that keep sessions in memory"))
                && f["points_lost"].as_u64().is_some_and(|p| p > 0)
        })
    };
    assert!(loses(&reference::sticky_sessions()));
    assert!(!loses(&reference::session_store()));
}

#[test]
fn a_cdn_becomes_a_distribution_in_front_of_the_load_balancer_with_the_bucket_behind_an_access_control() {
    let t = template(&reference::static_cdn());
    let bucket = &t.resources["AssetsBucket"];
    assert_eq!(bucket.kind, "AWS::S3::Bucket");
    assert_eq!(bucket.deletion_policy.as_deref(), Some("Retain"));
    assert_eq!(bucket.properties["PublicAccessBlockConfiguration"]["RestrictPublicBuckets"], true);
    let config = &props(&t, "CdnDistribution")["DistributionConfig"];
    assert_eq!(t.resources["CdnDistribution"].kind, "AWS::CloudFront::Distribution");
    let origins = config["Origins"].as_array().expect("origins");
    assert_eq!(origins.len(), 2);
    assert_eq!(origins[0]["DomainName"], json!({ "Fn::GetAtt": ["Lb1LoadBalancer", "DNSName"] }));
    assert_eq!(origins[1]["DomainName"], json!({ "Fn::GetAtt": ["AssetsBucket", "RegionalDomainName"] }));
    assert_eq!(
        origins[1]["OriginAccessControlId"],
        json!({ "Fn::GetAtt": ["CdnOriginAccessControl", "Id"] })
    );
    // Dynamic requests are forwarded uncached; only /static/* is cached, from the bucket.
    assert_eq!(config["DefaultCacheBehavior"]["TargetOriginId"], "lb-1");
    assert_eq!(config["DefaultCacheBehavior"]["CachePolicyId"], "4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
    assert_eq!(config["CacheBehaviors"][0]["PathPattern"], "/static/*");
    assert_eq!(config["CacheBehaviors"][0]["TargetOriginId"], "assets");
    let policy = &props(&t, "AssetsBucketPolicy")["PolicyDocument"]["Statement"][0];
    assert_eq!(policy["Principal"]["Service"], "cloudfront.amazonaws.com");
    assert_eq!(policy["Action"], "s3:GetObject");
    let facts = &t.metadata[SIMULATION]["Components"];
    // Fractions are written as text (`"0.9"`), as every non-integer number of the template.
    let text = |v: &Value| v.to_string().trim_matches('"').to_owned();
    assert_eq!(text(&facts["cdn"]["CacheHitRatio"]), "0.9");
    assert_eq!(text(&facts["assets"]["GetsPerSecond"]), "5500");
    assert_eq!(text(&facts["clients"]["Traffic"]["static_fraction"]), "0.7");
}
