//! What can happen at a future instant, and the keys of cancellable timers.

use crate::command::Command;
use crate::ids::{ClientsId, DbId, DnsId, GroupId, InstanceId, LbId, MessageId, QueueId, RequestId, ZoneId};

/// A future event of a world.
#[derive(Clone, Debug)]
pub(crate) enum Event {
    /// The next request of a traffic source, or (`request: false`) a second boundary where
    /// its rate may change (keyed [`TimerKey::Arrival`]).
    /// Arrivals are the hottest timer, so they are superseded by `generation` rather than keyed.
    Arrival { clients: ClientsId, request: bool, generation: u32 },
    /// The oldest open request of a traffic source reaches its timeout (keyed).
    Deadline(ClientsId),
    /// An instance finished the service of one piece of work.
    WorkDone { instance: InstanceId, epoch: u32, work: Work },
    /// A database node finished a query.
    QueryDone { db: DbId, node: NodeRef, node_epoch: u32, call: DbCall },
    /// A key-value store call comes back, `ok` or failed (throttled, store down).
    KvDone { call: DbCall, ok: bool },
    /// A CDN edge answers a static request: from its cache, or after an origin fetch
    /// (`ok` false: the origin refused it).
    EdgeDone { request: RequestId, generation: u32, ok: bool },
    /// Time for a load balancer's next health check of a target (keyed).
    HealthCheck { lb: LbId, instance: InstanceId },
    /// The outcome of a health check arrives.
    HealthCheckResult { lb: LbId, instance: InstanceId, passed: bool, reason: &'static str },
    /// A launched instance finished booting.
    Booted(InstanceId),
    /// A draining target's deregistration delay ends (keyed).
    DrainTimeout { lb: LbId, instance: InstanceId },
    /// An auto-scaling group's periodic health check and capacity reconciliation.
    GroupCheck(GroupId),
    /// The earliest pending visibility timeout of a queue ends (keyed).
    Visibility(QueueId),
    /// A worker's short-poll pause ends (keyed).
    Poll(InstanceId),
    /// The earliest pending long poll of a queue ends (keyed).
    LongPollEnd(QueueId),
    /// A database's state change comes due (failover done, host replaced, restore done).
    Database { db: DbId, epoch: u32 },
    /// A database's new standby is ready.
    StandbyReady { db: DbId, epoch: u32 },
    /// DNS stops returning a load-balancer node whose zone failed.
    DnsRemoval { lb: LbId, zone: ZoneId },
    /// A DNS name's round of health checks.
    DnsCheck(DnsId),
    /// Chaos monkey strikes (keyed).
    Chaos,
    /// A scheduled command comes due.
    Command(Box<Command>),
}

/// Keys of timers that can be cancelled or replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum TimerKey {
    Deadline(ClientsId),
    HealthCheck(LbId, InstanceId),
    Drain(LbId, InstanceId),
    Poll(InstanceId),
    LongPoll(QueueId),
    Visibility(QueueId),
    Chaos,
}

/// A piece of work holding an instance slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Work {
    /// A client request.
    Request { id: RequestId, generation: u32 },
    /// A queue message being processed by a worker.
    Message { queue: QueueId, message: MessageId, receipt: u32 },
}

/// Which copy of a database serves a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NodeRef {
    Primary,
    Replica(u8),
}

/// A query on behalf of work held by an instance.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DbCall {
    pub instance: InstanceId,
    pub epoch: u32,
    pub work: Work,
    pub write: bool,
}
