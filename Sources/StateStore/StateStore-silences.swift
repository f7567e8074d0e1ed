import TocsinWire
import Foundation
import SwiftProtobuf
import TocsinModel

extension StateStore {
    /// Creates or updates a silence with Alertmanager's rules (silence.go `Set`) and returns its id once the
    /// change is durable: an empty id creates a new silence (a new UUIDv4, `startsAt` moved up to now);
    /// an update keeps the id only when `canUpdate` allows it, otherwise the old silence is expired and a
    /// new id returned. Errors: `silenceNotFound`, `invalidSilence`, `tooManySilences`, `silenceTooLarge`.
    public func setSilence(_ silence: Silence) async throws(StateStoreError) -> String {
        try checkWritable()
        let (id, changes) = try silenceTable.set(silence, now: now()) { UUID().uuidString.lowercased() }
        for stored in changes {
            stageSilence(stored, origin: .local)
        }
        try await commit()
        return id
    }

    /// Expires a silence now (silence.go `Expire`): idempotent for an expired silence, `silenceNotFound`
    /// for an unknown id.
    public func expireSilence(id: String) async throws(StateStoreError) {
        try checkWritable()
        guard let expired = try silenceTable.expire(id: id, now: now()) else {
            return
        }
        stageSilence(expired, origin: .local)
        try await commit()
    }

    /// The silence with `id`, or nil when unknown.
    public func silence(id: String) -> Silence? {
        countSilenceQuery {
            silenceTable.silences[id]?.silence
        }
    }

    /// The silences a query selects at `instant` (default now), sorted by id.
    public func querySilences(_ query: SilenceQuery, at instant: Date? = nil) -> [Silence] {
        let at = instant.map(GoTimestamp.init) ?? now()
        return countSilenceQuery {
            silenceTable.query(query, now: at)
        }
    }

    /// The active and pending silences matching an alert's labels at `instant` (default now), found
    /// through the silence index rather than by testing every silence. Muted iff `active` is not empty.
    public func mutes(_ labels: LabelSet, at instant: Date? = nil) -> MutingSilences {
        let at = instant ?? configuration.clock.now()
        return countSilenceQuery {
            silenceTable.index.matching(labels, at: at)
        }
    }

    /// A copy of the silence index, for a process that keeps its own replica (then updated from the change
    /// stream with `insert`/`remove`).
    public func silenceIndex() -> SilenceIndex {
        silenceTable.index
    }

    func stageSilence(_ stored: StoredSilence, origin: StateChange.Origin) {
        var record = Tocsin_State_V1_LogRecord()
        // Encoding a MeshSilence cannot fail: it has no required fields.
        record.silence = (try? stored.mesh.serializedData()) ?? Data()
        stage(record, .silence(stored), origin: origin)
    }

    private func countSilenceQuery<T>(_ body: () -> T) -> T {
        let start = ContinuousClock.now
        let result = body()
        let elapsed = ContinuousClock.now - start
        counters.silencesQueriesTotal += 1
        counters.silencesQueryDuration.observe(elapsed.seconds)
        return result
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number, for metrics.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
