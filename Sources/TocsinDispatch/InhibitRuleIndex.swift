import Foundation
import TocsinConfig
import TocsinModel

/// One inhibit rule with an index of its source alerts by the values of the rule's `equal` labels, so
/// deciding whether an alert is inhibited looks at the few sources that agree with it instead of all of them.
///
/// It holds every alert that matched the source matchers (Alertmanager's per-rule `scache`), firing or not:
/// whether a source is firing depends on the time of the question, so the check happens at query time. Each
/// bucket keeps apart the sources that also match the target matchers, because those never inhibit an alert
/// that itself matches both sides and can be skipped wholesale.
struct InhibitRuleIndex: Sendable {
    /// The values of the `equal` labels, length-prefixed UTF-8 so that distinct value lists never collide and
    /// comparison is byte-wise, as Go's.
    private struct EqualKey: Hashable, Sendable {
        var bytes: [UInt8]
    }

    private struct Bucket: Sendable {
        /// Sources that do not match the target matchers, with their `endsAt`.
        var sourceOnly: [Fingerprint: Date?] = [:]
        /// Sources that match the target matchers too.
        var twoSided: [Fingerprint: Date?] = [:]

        var isEmpty: Bool { sourceOnly.isEmpty && twoSided.isEmpty }
    }

    let sourceMatchers: Matchers
    let targetMatchers: Matchers
    /// The `equal` names without duplicates (Alertmanager keeps them in a set).
    let equal: [String]
    private var buckets: [EqualKey: Bucket] = [:]
    private var keys: [Fingerprint: EqualKey] = [:]

    init(_ rule: InhibitRule) {
        sourceMatchers = rule.sourceMatchers
        targetMatchers = rule.targetMatchers
        var seen = Set<[UInt8]>()
        equal = rule.equal.filter { seen.insert(Array($0.utf8)).inserted }
    }

    /// Records the current version of an alert if it is a source of this rule.
    mutating func observe(_ alert: Alert, fingerprint: Fingerprint) {
        guard sourceMatchers.matches(alert.labels) else { return }
        let key = equalKey(alert.labels)
        keys[fingerprint] = key
        if targetMatchers.matches(alert.labels) {
            buckets[key, default: Bucket()].twoSided[fingerprint] = alert.endsAt
        } else {
            buckets[key, default: Bucket()].sourceOnly[fingerprint] = alert.endsAt
        }
    }

    /// Drops a collected alert.
    mutating func forget(_ fingerprint: Fingerprint) {
        guard let key = keys.removeValue(forKey: fingerprint) else { return }
        buckets[key]?.sourceOnly[fingerprint] = nil
        buckets[key]?.twoSided[fingerprint] = nil
        if buckets[key]?.isEmpty == true {
            buckets[key] = nil
        }
    }

    /// A source alert firing at `now` that inhibits an alert with `labels`, or nil. The caller has checked
    /// that `labels` match the target matchers.
    // inhibit.go hasEqual: a resolved source never inhibits; equal labels compare with "" for missing ones;
    // when the target also matches the source side, sources that match the target side are skipped.
    func inhibitingSource(of labels: LabelSet, at now: Date) -> Fingerprint? {
        guard let bucket = buckets[equalKey(labels)] else { return nil }
        if let found = firstFiring(bucket.sourceOnly, at: now) {
            return found
        }
        if sourceMatchers.matches(labels) {
            return nil
        }
        return firstFiring(bucket.twoSided, at: now)
    }

    private func firstFiring(_ sources: [Fingerprint: Date?], at now: Date) -> Fingerprint? {
        for (fingerprint, endsAt) in sources {
            guard let endsAt else { return fingerprint }
            if endsAt > now {
                return fingerprint
            }
        }
        return nil
    }

    private func equalKey(_ labels: LabelSet) -> EqualKey {
        var bytes: [UInt8] = []
        for name in equal {
            let value = labels.value(of: name).utf8
            let count = UInt32(value.count)
            bytes.append(contentsOf: [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)])
            bytes.append(contentsOf: value)
        }
        return EqualKey(bytes: bytes)
    }
}
