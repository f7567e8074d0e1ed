import Foundation
import TocsinModel

/// The dispatcher's local copy of the state store's silences, rebuilt from the "state" topic, used as the
/// `SilenceMatcher` so that muting never waits on a socket.
///
/// It holds every silence it was told about, in any state; expired ones simply never mute. Lookups go
/// through a `SilenceIndex` (the one the state store keeps), so an alert is tested only against the silences
/// filed under its own label values or prefixes plus the few that cannot be filed: a GET of 100k alerts with
/// 10k silences of the usual shape (`instance="host-1"`, `alertname=~"A|B"`) costs no 10⁹ matcher checks.
public struct SilenceReplica: SilenceMatcher {
    private var index = SilenceIndex()

    /// An empty replica.
    public init() {}

    /// Number of silences held.
    public var count: Int { index.count }

    /// The silence stored under `id`, if any.
    public subscript(id: String) -> Silence? { index[id] }

    /// Stores the new version of a silence (replacing any version with the same id).
    public mutating func upsert(_ silence: Silence) {
        index.insert(silence)
    }

    /// Forgets the silence `id` (garbage-collected by the state store).
    public mutating func remove(_ id: String) {
        index.remove(id: id)
    }

    /// Forgets everything (before a resynchronisation rebuilds the replica).
    public mutating func removeAll() {
        self = SilenceReplica()
    }

    /// Ids of the silences active at `instant` whose matchers all match `labels`, sorted.
    public func silencedBy(_ labels: LabelSet, at instant: Date) -> [String] {
        index.matching(labels, at: instant).active
    }
}
