import Foundation

/// An alert as Alertmanager stores it (types.Alert): identity labels, annotations, its activity interval and
/// bookkeeping.
///
/// Times are optional where Go uses the zero `time.Time` for "unset": a posted alert may lack `startsAt` and
/// `endsAt`; after `ingested(at:resolveTimeout:)` both are set. `timeout` records that `endsAt` was invented
/// from `resolve_timeout` rather than sent by the client, which changes how merges treat it.
public struct Alert: Sendable, Hashable {
    /// The identifying labels; the fingerprint is computed from these alone.
    public var labels: LabelSet
    /// Extra information (summary, runbook, ...); not part of the identity.
    public var annotations: LabelSet
    /// When the alert started firing; nil until ingestion defaults it.
    public var startsAt: Date?
    /// When the alert ends or ended; nil means "no end sent" until ingestion defaults it.
    public var endsAt: Date?
    /// Link back to the rule that produced the alert.
    public var generatorURL: String
    /// When Alertmanager last received this alert; decides which version wins a merge.
    public var updatedAt: Date?
    /// True when `endsAt` came from `resolve_timeout` rather than from the client.
    public var timeout: Bool

    /// An alert with the given fields; nothing is validated or defaulted here.
    public init(
        labels: LabelSet,
        annotations: LabelSet = LabelSet(),
        startsAt: Date? = nil,
        endsAt: Date? = nil,
        generatorURL: String = "",
        updatedAt: Date? = nil,
        timeout: Bool = false
    ) {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        self.updatedAt = updatedAt
        self.timeout = timeout
    }

    /// The alert's identity (fingerprint of its labels).
    public var fingerprint: Fingerprint { labels.fingerprint }

    /// The hash the nflog records for this alert (xxHash64 of its labels).
    public var hash: UInt64 { labels.alertHash }

    /// The alert's name label (`alertname`), or "" when missing.
    public var name: String { labels.value(of: "alertname") }

    /// Resolved at `instant` iff `endsAt` is set and not after it (model.Alert.ResolvedAt).
    public func isResolved(at instant: Date) -> Bool {
        guard let endsAt else {
            return false
        }
        return endsAt <= instant
    }

    /// `.resolved` or `.firing` at `instant`.
    public func status(at instant: Date) -> AlertStatus {
        isResolved(at: instant) ? .resolved : .firing
    }

    /// A copy that ends at `instant` (an explicit resolution, so not a timeout).
    public func resolved(at instant: Date) -> Alert {
        var copy = self
        copy.endsAt = instant
        copy.timeout = false
        return copy
    }

    /// Applies the API's ingestion rules to a posted alert (api/v2 `postAlertsHandler`), before validation:
    /// `updatedAt = now`; a missing `startsAt` becomes `endsAt` if set, else `now`; a missing `endsAt` becomes
    /// `now + resolveTimeout` with `timeout = true`; labels with empty values are dropped.
    public func ingested(at now: Date, resolveTimeout: TimeInterval) -> Alert {
        var copy = self
        copy.updatedAt = now
        if copy.startsAt == nil {
            copy.startsAt = copy.endsAt ?? now
        }
        if copy.endsAt == nil {
            copy.timeout = true
            copy.endsAt = now.addingTimeInterval(resolveTimeout)
        }
        copy.labels = copy.labels.removingEmptyValues()
        return copy
    }

    /// Checks the alert as prometheus/common `model.Alert.Validate` does, in the same order, so the first
    /// error reported is Alertmanager's.
    public func validate() throws(AlertValidationError) {
        guard let startsAt else {
            throw .startTimeMissing
        }
        if let endsAt, endsAt < startsAt {
            throw .startTimeAfterEndTime
        }
        do {
            try labels.validate()
        } catch {
            throw .invalidLabelSet(error)
        }
        if labels.isEmpty {
            throw .noLabels
        }
        do {
            try annotations.validate()
        } catch {
            throw .invalidAnnotations(error)
        }
    }

    /// Whether a newly posted alert with the same fingerprint should be merged into this stored one
    /// rather than replace it: its start or end falls strictly inside this alert's interval (provider/mem).
    public func overlaps(withNewer newer: Alert) -> Bool {
        guard let oldStart = startsAt, let oldEnd = endsAt else {
            return false
        }
        if let newEnd = newer.endsAt, newEnd > oldStart, newEnd < oldEnd {
            return true
        }
        if let newStart = newer.startsAt, newStart > oldStart, newStart < oldEnd {
            return true
        }
        return false
    }

    /// Merges two versions of the same alert (types.Alert.Merge): the more recently updated one wins for
    /// labels, annotations and URL; the earliest start wins; the end follows Alertmanager's rules, where a
    /// timeout-invented end never overrides a later explicit one. `now` decides which versions are resolved.
    public func merged(with other: Alert, at now: Date) -> Alert {
        let (older, newer) =
            (other.updatedAt ?? .distantPast) < (updatedAt ?? .distantPast) ? (other, self) : (self, other)
        var result = newer
        // An unset time is Go's zero time: earlier than any set one.
        if (older.startsAt ?? .distantPast) < (newer.startsAt ?? .distantPast) {
            result.startsAt = older.startsAt
        }
        let olderEnd = older.endsAt ?? .distantPast
        let newerEnd = newer.endsAt ?? .distantPast
        if newer.isResolved(at: now) {
            if older.isResolved(at: now), olderEnd > newerEnd {
                result.endsAt = older.endsAt
            }
        } else if olderEnd > newerEnd, !older.timeout {
            result.endsAt = older.endsAt
        }
        return result
    }
}
