import Foundation
import TocsinModel

/// The dispatcher's local copy of the state store's silences, rebuilt from the "state" topic, used as the
/// `SilenceMatcher` so that muting never waits on a socket.
///
/// It holds every silence it was told about, in any state; expired ones simply never mute. Lookups scan the
/// silences whose matchers could apply: a silence with an equality matcher on `alertname` is only checked for
/// alerts of that name, which keeps the scan short for the common shape of silence.
public struct SilenceReplica: SilenceMatcher {
    private var silences: [String: Silence] = [:]
    private var byAlertName: [String: Set<String>] = [:]
    private var unindexed: Set<String> = []

    /// An empty replica.
    public init() {}

    /// Number of silences held.
    public var count: Int { silences.count }

    /// The silence stored under `id`, if any.
    public subscript(id: String) -> Silence? { silences[id] }

    /// Stores the new version of a silence (replacing any version with the same id).
    public mutating func upsert(_ silence: Silence) {
        remove(silence.id)
        silences[silence.id] = silence
        if let name = Self.alertName(of: silence) {
            byAlertName[name, default: []].insert(silence.id)
        } else {
            unindexed.insert(silence.id)
        }
    }

    /// Forgets the silence `id` (garbage-collected by the state store).
    public mutating func remove(_ id: String) {
        guard let old = silences.removeValue(forKey: id) else { return }
        if let name = Self.alertName(of: old) {
            byAlertName[name]?.remove(id)
            if byAlertName[name]?.isEmpty == true { byAlertName[name] = nil }
        } else {
            unindexed.remove(id)
        }
    }

    /// Forgets everything (before a resynchronisation rebuilds the replica).
    public mutating func removeAll() {
        self = SilenceReplica()
    }

    /// Ids of the silences active at `instant` whose matchers all match `labels`, sorted.
    public func silencedBy(_ labels: LabelSet, at instant: Date) -> [String] {
        var candidates = unindexed
        if let named = byAlertName[labels.value(of: "alertname")] {
            candidates.formUnion(named)
        }
        return candidates.filter { silences[$0]?.mutes(labels, at: instant) == true }.sorted()
    }

    private static func alertName(of silence: Silence) -> String? {
        silence.matchers.first { $0.name == "alertname" && $0.type == .equal }?.value
    }
}
