//! Typed indices into a world's component tables. Never bare integers, never `usize`
//! in stored state (wasm32 is 32-bit).

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        pub struct $name(pub u32);

        impl $name {
            /// Position in the world's table of these.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

typed_id!(/// An availability zone of the region.
    ZoneId);
typed_id!(/// A traffic source.
    ClientsId);
typed_id!(/// A load balancer.
    LbId);
typed_id!(/// An instance, placed by hand or launched by a group.
    InstanceId);
typed_id!(/// An auto-scaling group.
    GroupId);
typed_id!(/// A queue.
    QueueId);
typed_id!(/// A database.
    DbId);
typed_id!(/// An alarm.
    AlarmId);
typed_id!(/// A key-value store.
    KvId);
typed_id!(/// A CDN distribution.
    CdnId);
typed_id!(/// An object-storage bucket.
    BucketId);
typed_id!(/// A DNS name.
    DnsId);
typed_id!(/// A region of the design, in its order.
    RegionId);
typed_id!(/// A request in flight.
    RequestId);
typed_id!(/// A message stored in a queue.
    MessageId);

/// What a fault acted on, resolved from the names in its command: the key by which an
/// incident recognises the automatic reactions (detection) that belong to it. It lives
/// here, below both the world and the measurements, so that neither reaches into the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// One instance: killed, hung, slowed or recovered.
    Instance(InstanceId),
    /// A database: its primary failed or a replica promoted.
    Database(DbId),
    /// A whole availability zone: lost, impaired or restored.
    Zone(ZoneId),
    /// A queue whose consumers were stopped or started.
    Queue(QueueId),
    /// An auto-scaling group whose capacity was changed or whose instances chaos strikes.
    Group(GroupId),
    /// A key-value store in a regional outage or restored.
    Store(KvId),
    /// A CDN distribution in an outage or restored.
    Cdn(CdnId),
    /// An object-storage bucket in a regional outage or restored.
    Bucket(BucketId),
    /// A whole region: lost or restored.
    Region(RegionId),
    /// A command with no single target (chaos over every group, stopping chaos).
    Everything,
}
