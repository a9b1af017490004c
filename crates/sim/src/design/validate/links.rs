//! Checks of connections: both ends exist, the link means something, and no component has
//! more links of a kind than the simulation can give a meaning to.
//!
//! Allowed links, `from` sending work to `to`:
//! clients → load balancer | web instance | CDN; CDN → load balancer | web instance |
//! object storage; load balancer → web instance | web group;
//! web instance | group → queue | database; queue → worker instance | group;
//! worker instance | group → database | key-value store; web instance | group → key-value
//! store; clients → DNS; DNS → load balancer. A load balancer's targets live in its region.

use std::collections::BTreeMap;

use super::checker::{Checker, named};
use crate::design::{ComponentSpec, Connection, Role};

/// What a component is, as far as links care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Node {
    Clients,
    LoadBalancer,
    /// A web instance (`group: false`) or web group.
    Web {
        group: bool,
    },
    /// A worker instance (`group: false`) or worker group.
    Worker {
        group: bool,
    },
    Queue,
    Database,
    KeyValueStore,
    Cdn,
    ObjectStorage,
    Alarm,
    Dns,
}

impl Node {
    fn of(spec: &ComponentSpec) -> Node {
        let by_role = |role: Role, group: bool| match role {
            Role::Web => Node::Web { group },
            Role::Worker => Node::Worker { group },
        };
        match spec {
            ComponentSpec::Clients(_) => Node::Clients,
            ComponentSpec::LoadBalancer(_) => Node::LoadBalancer,
            ComponentSpec::Instance(spec) => by_role(spec.template.role, false),
            ComponentSpec::AutoScalingGroup(spec) => by_role(spec.instance.role, true),
            ComponentSpec::Queue(_) => Node::Queue,
            ComponentSpec::Database(_) => Node::Database,
            ComponentSpec::Alarm(_) => Node::Alarm,
            ComponentSpec::KeyValueStore(_) => Node::KeyValueStore,
            ComponentSpec::Cdn(_) => Node::Cdn,
            ComponentSpec::ObjectStorage(_) => Node::ObjectStorage,
            ComponentSpec::Dns(_) => Node::Dns,
        }
    }

    /// The component in words: "worker group workers".
    fn who(self, id: &str) -> String {
        let noun = match self {
            Node::Clients => "clients",
            Node::LoadBalancer => "load balancer",
            Node::Web { group: false } => "web instance",
            Node::Web { group: true } => "web group",
            Node::Worker { group: false } => "worker instance",
            Node::Worker { group: true } => "worker group",
            Node::Queue => "queue",
            Node::Database => "database",
            Node::KeyValueStore => "key-value store",
            Node::Cdn => "CDN",
            Node::ObjectStorage => "object storage",
            Node::Alarm => "alarm",
            Node::Dns => "DNS",
        };
        named(noun, id)
    }

    /// What sending along a link means for this sender.
    fn verb(self) -> &'static str {
        match self {
            Node::Clients => "send requests to",
            Node::LoadBalancer => "route requests to",
            Node::Dns => "point to",
            Node::Queue => "deliver messages to",
            Node::Alarm => "be linked to",
            Node::Cdn => "forward requests to",
            Node::Web { .. }
            | Node::Worker { .. }
            | Node::Database
            | Node::KeyValueStore
            | Node::ObjectStorage => "send work to",
        }
    }

    /// [`Node::verb`] for a link that exists: "already sends work to".
    fn verb_now(self) -> &'static str {
        match self {
            Node::Clients => "send requests to",
            Node::LoadBalancer => "routes requests to",
            Node::Dns => "points to",
            Node::Queue => "delivers messages to",
            Node::Alarm => "is linked to",
            Node::Cdn => "forwards requests to",
            Node::Web { .. }
            | Node::Worker { .. }
            | Node::Database
            | Node::KeyValueStore
            | Node::ObjectStorage => "sends work to",
        }
    }

    /// What this sender may send to, in words.
    fn rule(self) -> &'static str {
        match self {
            Node::Clients => {
                "clients send requests only to a DNS name, a load balancer, a web instance or a CDN"
            }
            Node::Cdn => {
                "a CDN forwards requests only to a DNS name, a load balancer or a web instance, and fetches from object storage"
            }
            Node::ObjectStorage => "object storage sends nothing; it answers the CDN's fetches",
            Node::Dns => "a DNS name points only to load balancers",
            Node::LoadBalancer => "a load balancer sends requests only to web instances or web groups",
            Node::Web { .. } => "a web server sends work only to a queue, a database or a key-value store",
            Node::Worker { .. } => "a worker sends work only to a database or a key-value store",
            Node::Queue => "a queue delivers messages only to worker instances or worker groups",
            Node::Database => "a database sends nothing; it answers the queries sent to it",
            Node::KeyValueStore => "a key-value store sends nothing; it answers the calls sent to it",
            Node::Alarm => "an alarm has no links",
        }
    }
}

/// Whether `from` may send work to `to`.
fn allowed(from: Node, to: Node) -> bool {
    use Node as N;
    matches!(
        (from, to),
        (N::Clients, N::Dns | N::LoadBalancer | N::Web { group: false } | N::Cdn)
            | (N::Cdn, N::Dns | N::LoadBalancer | N::Web { group: false } | N::ObjectStorage)
            | (N::Dns, N::LoadBalancer)
            | (N::LoadBalancer, N::Web { .. })
            | (N::Web { .. }, N::Queue | N::Database | N::KeyValueStore)
            | (N::Queue, N::Worker { .. })
            | (N::Worker { .. }, N::Database | N::KeyValueStore)
    )
}

/// What to do instead of a refused link, starting with "; " (or empty).
fn hint(from: Node, to: Node, from_id: &str, to_id: &str) -> String {
    use Node as N;
    match (from, to) {
        (N::Alarm, _) | (_, N::Alarm) => {
            "; an alarm watches a component through its source field, so set that instead".to_owned()
        }
        (N::Database | N::KeyValueStore | N::ObjectStorage, _) => {
            format!("; to let {to_id} query {from_id}, draw the link from {to_id} to {from_id}")
        }
        (_, N::Clients) => "; nothing sends to clients: requests start there".to_owned(),
        (N::Web { .. }, N::Worker { .. }) => {
            format!("; put a queue between them: {from_id} → queue → {to_id}")
        }
        (N::Clients | N::LoadBalancer, N::Worker { .. }) => {
            format!("; {to_id} is a worker, so connect a queue to it instead")
        }
        (N::Clients, N::Web { group: true }) => {
            "; to reach a group, put a load balancer in front of it".to_owned()
        }
        (N::Clients | N::LoadBalancer, N::Queue | N::Database | N::KeyValueStore) => {
            format!("; let a web instance or group talk to {to_id}")
        }
        (N::Queue, N::Web { .. }) => {
            format!("; {to_id} is a web server: set its role to worker to consume the queue")
        }
        (N::Worker { .. }, N::Queue) => {
            format!("; a worker takes messages from a queue, so draw the link from {to_id} to {from_id}")
        }
        (_, N::ObjectStorage) => {
            "; only a CDN fetches from object storage: put one in front of it".to_owned()
        }
        (_, N::Cdn) => "; only clients send to a CDN".to_owned(),
        (N::Cdn, N::Web { group: true }) => {
            "; to reach a group, put a load balancer behind the CDN".to_owned()
        }
        (_, N::LoadBalancer) => "; only clients, a CDN or a DNS name send to a load balancer".to_owned(),
        (_, N::Dns) => "; only clients or a CDN send to a DNS name".to_owned(),
        (N::Dns, _) => format!("; point {from_id} at the load balancer in front of {to_id}"),
        _ => String::new(),
    }
}

/// The first link seen of each limited kind, by component id and kind of limit.
type Firsts<'a> = BTreeMap<(&'a str, &'static str), usize>;

/// Checks every connection, in order.
pub(super) fn connections(ck: &mut Checker) {
    let design = ck.design;
    let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut sent: Firsts = BTreeMap::new();
    let mut received: Firsts = BTreeMap::new();
    let mut records: BTreeMap<&str, usize> = BTreeMap::new();
    for (j, link) in design.connections.iter().enumerate() {
        let Some((from, to)) = ends(ck, j, link) else { continue };
        if let Some(first) = seen.get(&(link.from.as_str(), link.to.as_str())) {
            let message = format!(
                "connections[{j}] repeats connections[{first}] ({} → {}); remove one",
                link.from, link.to
            );
            ck.report(&format!("connections[{j}]"), message);
            continue;
        }
        seen.insert((&link.from, &link.to), j);
        if !allowed(from, to) {
            let message = format!(
                "{} would {} {}, but {}{}",
                from.who(&link.from),
                from.verb(),
                to.who(&link.to),
                from.rule(),
                hint(from, to, &link.from, &link.to)
            );
            let field =
                if matches!(from, Node::Database | Node::KeyValueStore | Node::ObjectStorage | Node::Alarm) {
                    "from"
                } else {
                    "to"
                };
            ck.report(&format!("connections[{j}].{field}"), message);
            continue;
        }
        if let Some(message) = across_regions(ck, link, from, to) {
            ck.report(&format!("connections[{j}].to"), message);
            continue;
        }
        if from == Node::Dns {
            let count = records.entry(&link.from).or_insert(0);
            *count += 1;
            if *count > crate::design::MAX_REGIONS {
                let message = format!(
                    "{} already points to {} load balancers; a DNS name has at most {} records (a primary and a secondary, or one per region)",
                    from.who(&link.from),
                    crate::design::MAX_REGIONS,
                    crate::design::MAX_REGIONS
                );
                ck.report(&format!("connections[{j}].to"), message);
                continue;
            }
        }
        sender_limit(ck, &mut sent, j, link, from, to);
        receiver_limit(ck, &mut received, j, link, from, to);
    }
}

/// Why a load balancer may not route to a target in another region, if it is one: an
/// ALB registers instances of its own VPC, and a VPC lives in one region.
fn across_regions(ck: &Checker, link: &Connection, from: Node, to: Node) -> Option<String> {
    if !matches!((from, to), (Node::LoadBalancer, Node::Web { .. })) {
        return None;
    }
    let design = ck.design;
    let (lb, target) = (ck.component(&link.from)?, ck.component(&link.to)?);
    // A region the design lacks is reported on the component; don't guess where it is.
    let unknown = |c: &crate::design::Component| {
        c.region.as_deref().is_some_and(|name| !design.regions.iter().any(|r| r.name == name))
    };
    if unknown(lb) || unknown(target) || design.region_index(lb) == design.region_index(target) {
        return None;
    }
    let there = &design.region_of(target).name;
    Some(format!(
        "{} in region {} would route requests to {} in region {there}, but a load balancer's targets run in its own region; \
         put a load balancer in {there} in front of {}, and a DNS name in front of both load balancers",
        from.who(&link.from),
        design.region_of(lb).name,
        to.who(&link.to),
        link.to
    ))
}

/// Both ends of link `j` as nodes, after reporting a missing end or a self-link.
fn ends(ck: &mut Checker, j: usize, link: &Connection) -> Option<(Node, Node)> {
    let from = end(ck, j, "from", &link.from, "sends the work");
    let to = end(ck, j, "to", &link.to, "receives the work");
    let (from, to) = (from?, to?);
    if link.from == link.to {
        let message =
            format!("{} is linked to itself; connect it to another component", from.who(&link.from));
        ck.report(&format!("connections[{j}].to"), message);
        return None;
    }
    Some((from, to))
}

fn end(ck: &mut Checker, j: usize, field: &str, id: &str, role: &str) -> Option<Node> {
    if let Some(component) = ck.component(id) {
        return Some(Node::of(&component.spec));
    }
    let message = if id.is_empty() {
        format!("connections[{j}] has no {field}; set it to the id of the component that {role}")
    } else {
        let verb = if field == "from" { "starts at" } else { "goes to" };
        format!("connections[{j}] {verb} {id}, which is not a component ({})", ck.id_list())
    };
    ck.report(&format!("connections[{j}].{field}"), message);
    None
}

/// A sender has at most one link of each limited kind; reports the second at its `to`.
fn sender_limit<'a>(
    ck: &mut Checker,
    firsts: &mut Firsts<'a>,
    j: usize,
    link: &'a Connection,
    from: Node,
    to: Node,
) {
    let limit = match (from, to) {
        (Node::Clients, _) => {
            ("entry", "clients have one entry point; put a load balancer in front of several servers")
        }
        (Node::Cdn, Node::ObjectStorage) => ("origin", "a CDN fetches from one object storage origin"),
        (Node::Cdn, _) => ("next", "a CDN forwards dynamic requests to one load balancer or instance"),
        (Node::Web { .. }, Node::Queue) => ("queue", "a web server sends to at most one queue"),
        (Node::Web { .. }, Node::Database) => ("database", "a web server uses at most one database"),
        (Node::Worker { .. }, Node::Database) => ("database", "a worker uses at most one database"),
        (Node::Web { .. } | Node::Worker { .. }, Node::KeyValueStore) => {
            ("store", "a server uses at most one key-value store")
        }
        _ => return,
    };
    let Some(first) = first_or_insert(firsts, (&link.from, limit.0), j) else { return };
    let other = other_end(ck, first, |c| &c.to);
    let message = format!(
        "{} already {} {other} (connections[{first}]); {}",
        from.who(&link.from),
        from.verb_now(),
        limit.1
    );
    ck.report(&format!("connections[{j}].to"), message);
}

/// A receiver has at most one link of each limited kind; reports the second at its `from`.
fn receiver_limit<'a>(
    ck: &mut Checker,
    firsts: &mut Firsts<'a>,
    j: usize,
    link: &'a Connection,
    from: Node,
    to: Node,
) {
    let limit = match (from, to) {
        (Node::Clients | Node::LoadBalancer | Node::Cdn, Node::Web { group: false }) => (
            "front",
            "receives requests from",
            "an instance sits behind at most one load balancer, CDN or clients",
        ),
        (Node::Queue, Node::Worker { .. }) => (
            "queue",
            "consumes",
            "a worker consumes one queue, which its backlog per instance is measured on",
        ),
        _ => return,
    };
    let Some(first) = first_or_insert(firsts, (&link.to, limit.0), j) else { return };
    let other = other_end(ck, first, |c| &c.from);
    let message =
        format!("{} already {} {other} (connections[{first}]); {}", to.who(&link.to), limit.1, limit.2);
    ck.report(&format!("connections[{j}].from"), message);
}

/// The earlier link under `key`, or `None` after recording `j` as the first.
fn first_or_insert<'a>(firsts: &mut Firsts<'a>, key: (&'a str, &'static str), j: usize) -> Option<usize> {
    match firsts.get(&key) {
        Some(&first) => Some(first),
        None => {
            firsts.insert(key, j);
            None
        }
    }
}

/// The component at one end of connection `index`, in words.
fn other_end(ck: &Checker, index: usize, pick: impl Fn(&Connection) -> &String) -> String {
    let Some(id) = ck.design.connections.get(index).map(pick) else { return String::new() };
    ck.component(id).map_or_else(|| id.clone(), |c| Node::of(&c.spec).who(id))
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;

    #[test]
    fn links_must_mean_something() {
        let mut design = reference::three_tier();
        add(&mut design, "worker-1", instance("a", Role::Worker));
        link(&mut design, "lb-1", "worker-1");
        let problem = only(&design);
        assert_eq!(problem.path, "connections[6].to");
        assert_mentions(
            &problem,
            &[
                "load balancer lb-1",
                "worker instance worker-1",
                "a load balancer sends requests only to web instances or web groups",
                "worker-1 is a worker, so connect a queue to it instead",
            ],
        );

        let refused = [
            ("clients", "web", "connections[6].to", "put a load balancer in front"),
            ("jobs", "web", "connections[6].to", "set its role to worker"),
            ("web", "workers", "connections[6].to", "web → queue → workers"),
            ("workers", "jobs", "connections[6].to", "draw the link from jobs to workers"),
            ("db", "web", "connections[6].from", "database sends nothing"),
            ("jobs-age", "jobs", "connections[6].from", "source field"),
            ("web", "clients", "connections[6].to", "requests start there"),
        ];
        for (from, to, path, words) in refused {
            let mut design = reference::three_tier();
            link(&mut design, from, to);
            let problem = only(&design);
            assert_eq!(problem.path, path, "{from} → {to}");
            assert_mentions(&problem, &[from, to, words]);
        }
    }
    #[test]
    fn links_need_two_existing_distinct_ends_once() {
        let mut design = reference::three_tier();
        link(&mut design, "web-9", "db");
        link(&mut design, "web", "");
        link(&mut design, "jobs", "jobs");
        link(&mut design, "web", "db");
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(got, ["connections[6].from", "connections[7].to", "connections[8].to", "connections[9]"]);
        assert_mentions(&problems[0], &["web-9", "not a component", "ids: clients, lb-1"]);
        assert_mentions(&problems[1], &["no to"]);
        assert_mentions(&problems[2], &["queue jobs", "itself"]);
        assert_mentions(&problems[3], &["repeats connections[3]", "web → db"]);
    }
    #[test]
    fn links_respect_their_limits() {
        let mut design = reference::three_tier();
        add(&mut design, "db-2", ComponentSpec::Database(DatabaseSpec::default()));
        add(&mut design, "jobs-2", ComponentSpec::Queue(QueueSpec::default()));
        add(&mut design, "web-1", instance("a", Role::Web));
        add(&mut design, "lb-2", spec(&mut reference::three_tier(), "lb-1").clone());
        link(&mut design, "web", "db-2"); // 6: second database
        link(&mut design, "web", "jobs-2"); // 7: second queue
        link(&mut design, "workers", "db-2"); // 8: second database of a worker
        link(&mut design, "jobs-2", "workers"); // 9: second queue of a worker
        link(&mut design, "clients", "web-1"); // 10: second entry of the clients
        link(&mut design, "lb-2", "web-1"); // 11: second front of web-1
        let problems = validate(&design);
        let got: Vec<(&str, &str)> =
            problems.iter().map(|p| (p.path.as_str(), p.message.split(';').next().unwrap_or(""))).collect();
        assert_eq!(
            got,
            [
                ("connections[6].to", "web group web already sends work to database db (connections[3])"),
                ("connections[7].to", "web group web already sends work to queue jobs (connections[2])"),
                (
                    "connections[8].to",
                    "worker group workers already sends work to database db (connections[5])"
                ),
                ("connections[9].from", "worker group workers already consumes queue jobs (connections[4])"),
                (
                    "connections[10].to",
                    "clients already send requests to load balancer lb-1 (connections[0])"
                ),
                (
                    "connections[11].from",
                    "web instance web-1 already receives requests from clients (connections[10])"
                ),
            ]
        );
    }
}
