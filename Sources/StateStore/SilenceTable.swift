import TocsinWire
import Foundation
import SwiftProtobuf
import TocsinModel

/// The silences and the rules that change them (silence.go `Silences`): set with Alertmanager's
/// update-or-replace rule, expire, merge, garbage collection and queries. Pure: time comes in as an
/// argument, and every change is returned so the store can log and publish it.
struct SilenceTable: Sendable {
    private(set) var silences: [String: StoredSilence] = [:]
    private(set) var index = SilenceIndex()
    let retention: TimeInterval
    let limits: SilenceLimits

    init(retention: TimeInterval, limits: SilenceLimits) {
        self.retention = retention
        self.limits = limits
    }

    var count: Int { silences.count }

    /// Stores `silence` as silence.go `Set` does: an unknown id is an error; an update that `canUpdate`
    /// allows keeps the id; anything else gets a new id (from `newID`) with `startsAt` moved up to now, and
    /// the old silence, unless already expired, is expired. Returns the id and the changed silences.
    ///
    /// Unlike 0.25, the new silence is validated before the old one is expired, so a rejected update leaves
    /// the old silence untouched.
    mutating func set(
        _ silence: Silence, now: GoTimestamp, newID: () -> String
    ) throws(StateStoreError) -> (id: String, changes: [StoredSilence]) {
        let previous: StoredSilence?
        if silence.id.isEmpty {
            previous = nil
        } else {
            guard let found = silences[silence.id] else {
                throw .silenceNotFound
            }
            previous = found
        }
        var model = silence
        model.updatedAt = now.date
        var candidate = model.protobuf
        candidate.updatedAt = now.protobuf
        if let previous, canUpdate(previous, to: candidate, now: now) {
            let stored = try accept(model, as: candidate)
            return (stored.id, [replace(stored)])
        }
        model.id = newID()
        candidate.id = model.id
        if GoTimestamp(model.startsAt) < now {
            model.startsAt = now.date
            candidate.startsAt = now.protobuf
        }
        if limits.maxSilences > 0, silences.count + 1 > limits.maxSilences {
            throw .tooManySilences(count: silences.count, limit: limits.maxSilences)
        }
        let stored = try accept(model, as: candidate)
        var changes: [StoredSilence] = []
        if let previous, let expired = expire(previous, now: now) {
            changes.append(replace(expired))
        }
        changes.append(replace(stored))
        return (stored.id, changes)
    }

    /// Expires the silence with `id` now (silence.go `expire`): an active one ends now, a pending one starts
    /// and ends now, an expired one is left alone (nil).
    mutating func expire(id: String, now: GoTimestamp) throws(StateStoreError) -> StoredSilence? {
        guard let stored = silences[id] else {
            throw .silenceNotFound
        }
        guard let expired = expire(stored, now: now) else {
            return nil
        }
        return replace(expired)
    }

    /// Alertmanager's `state.merge`: ignores entries already past `expiresAt`, upgrades a legacy
    /// `comments[0]`, and takes the entry when the id is new or its `updated_at` is strictly later.
    mutating func merge(_ mesh: Silencepb_MeshSilence, now: GoTimestamp) -> StoredSilence? {
        if GoTimestamp(has: mesh.hasExpiresAt, mesh.expiresAt) < now {
            return nil
        }
        let incoming = StoredSilence(mesh: Self.upgradingComments(mesh))
        if let previous = silences[incoming.id], !(previous.updatedAt < incoming.updatedAt) {
            return nil
        }
        return replace(incoming)
    }

    /// Puts a silence in place without any rule: for log replay and snapshot load.
    @discardableResult
    mutating func replace(_ stored: StoredSilence) -> StoredSilence {
        silences[stored.id] = stored
        if let silence = stored.silence {
            index.insert(silence)
        } else {
            index.remove(id: stored.id)
        }
        return stored
    }

    /// Removes a silence (garbage collection, or its replay).
    mutating func remove(id: String) {
        silences[id] = nil
        index.remove(id: id)
    }

    /// Drops silences whose `expiresAt` is not after `now` (silence.go `GC`); returns the removed ids.
    mutating func collectGarbage(now: GoTimestamp) -> [String] {
        let doomed = silences.values.filter { !(now < $0.expiresAtTimestamp) }.map(\.id)
        doomed.forEach { remove(id: $0) }
        return doomed
    }

    /// The silences a query selects, sorted by id; silences with invalid matchers are never selected.
    func query(_ query: SilenceQuery, now: GoTimestamp) -> [Silence] {
        let candidates: [StoredSilence] =
            if let ids = query.ids {
                ids.compactMap { silences[$0] }
            } else {
                Array(silences.values)
            }
        var result: [Silence] = []
        for stored in candidates {
            guard let silence = stored.silence else {
                continue
            }
            if let states = query.states, !states.contains(stored.state(at: now)) {
                continue
            }
            if let labels = query.matchingLabels, !silence.matchers.matches(labels) {
                continue
            }
            if let wanted = query.containingMatchers,
                !wanted.allSatisfy({ silence.matchers.contains($0) })
            {
                continue
            }
            result.append(silence)
        }
        return result.sorted { $0.id < $1.id }
    }

    /// How many silences are in each state at `now`.
    func countByState(now: GoTimestamp) -> [SilenceState: Int] {
        var counts: [SilenceState: Int] = [.active: 0, .pending: 0, .expired: 0]
        for stored in silences.values {
            counts[stored.state(at: now), default: 0] += 1
        }
        return counts
    }

    /// Alertmanager's `MarshalBinary`: every `MeshSilence`, length-delimited.
    func marshal() throws -> [UInt8] {
        var bytes: [UInt8] = []
        for stored in silences.values {
            try DelimitedMessages.append(stored.mesh, to: &bytes)
        }
        return bytes
    }

    /// silence.go `canUpdate`: same matchers in the same order; an active silence keeps its start second
    /// and may not end in the past; a pending one may not start in the past; an expired one is final.
    private func canUpdate(_ previous: StoredSilence, to next: Silencepb_Silence, now: GoTimestamp) -> Bool {
        let sameMatchers =
            previous.mesh.silence.matchers.count == next.matchers.count
            && zip(previous.mesh.silence.matchers, next.matchers).allSatisfy { old, new in
                old.type == new.type && old.name == new.name && old.pattern == new.pattern
            }
        guard sameMatchers else {
            return false
        }
        let nextStart = GoTimestamp(has: next.hasStartsAt, next.startsAt)
        let nextEnd = GoTimestamp(has: next.hasEndsAt, next.endsAt)
        switch previous.state(at: now) {
        case .active:
            return nextStart.unixSeconds == previous.startsAt.unixSeconds && !(nextEnd < now)
        case .pending:
            return !(nextStart < now)
        case .expired:
            return false
        }
    }

    /// Validates a silence that is about to be stored (`model` and `protobuf` are the same silence) and wraps
    /// it with its expiry, checking the size limit.
    private func accept(_ model: Silence, as protobuf: Silencepb_Silence) throws(StateStoreError) -> StoredSilence {
        do {
            try model.validate()
        } catch {
            throw .invalidSilence(error)
        }
        let mesh = meshSilence(protobuf)
        if limits.maxSilenceSizeBytes > 0 {
            let size = (try? mesh.serializedBytes() as [UInt8])?.count ?? 0
            if size > limits.maxSilenceSizeBytes {
                throw .silenceTooLarge(size: size, limit: limits.maxSilenceSizeBytes)
            }
        }
        return StoredSilence(mesh: mesh)
    }

    private func expire(_ stored: StoredSilence, now: GoTimestamp) -> StoredSilence? {
        var silence = stored.mesh.silence
        switch stored.state(at: now) {
        case .expired:
            return nil
        case .active:
            silence.endsAt = now.protobuf
        case .pending:
            silence.startsAt = now.protobuf
            silence.endsAt = now.protobuf
        }
        silence.updatedAt = now.protobuf
        return StoredSilence(mesh: meshSilence(silence))
    }

    /// Wraps a silence with `expires_at = ends_at + retention`.
    private func meshSilence(_ silence: Silencepb_Silence) -> Silencepb_MeshSilence {
        var mesh = Silencepb_MeshSilence()
        mesh.silence = silence
        mesh.expiresAt = GoTimestamp(has: silence.hasEndsAt, silence.endsAt).adding(retention).protobuf
        return mesh
    }

    /// Moves a legacy first comment into `comment`/`created_by` (done on load and merge by Alertmanager).
    static func upgradingComments(_ mesh: Silencepb_MeshSilence) -> Silencepb_MeshSilence {
        guard let first = mesh.silence.comments.first else {
            return mesh
        }
        var upgraded = mesh
        upgraded.silence.comment = first.comment
        upgraded.silence.createdBy = first.author
        upgraded.silence.comments = []
        return upgraded
    }
}
