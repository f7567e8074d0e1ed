import Foundation
import TocsinModel
import TocsinTemplate

/// One alert of a notification job, with its times kept to the nanosecond.
///
/// The webhook payload prints `startsAt`/`endsAt` as Go's RFC 3339 with nanoseconds, so the times travel
/// as `GoTime` (seconds and nanoseconds) rather than `Date`, whose double loses the last digits.
public struct NotifiedAlert: Sendable, Equatable {
    public var labels: LabelSet
    public var annotations: LabelSet
    public var startsAt: GoTime
    /// nil for a firing alert (the flush zeroes the end of alerts firing at flush time).
    public var endsAt: GoTime?
    public var generatorURL: String

    /// An alert with every field given.
    public init(labels: LabelSet, annotations: LabelSet = LabelSet(), startsAt: GoTime, endsAt: GoTime? = nil, generatorURL: String = "") {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
    }

    /// The nflog's hash of the alert (xxHash64 of its labels).
    public var hash: UInt64 { labels.alertHash }

    /// The alert's identity as the payloads print it.
    public var fingerprint: Fingerprint { labels.fingerprint }

    /// Resolved at `instant` iff it has an end not after `instant` (model.Alert.ResolvedAt).
    public func isResolved(at instant: Date) -> Bool {
        guard let endsAt else { return false }
        return Self.date(endsAt) <= instant
    }

    /// The instant a `GoTime` names.
    static func date(_ time: GoTime) -> Date {
        Date(timeIntervalSince1970: Double(time.seconds) + Double(time.nanoseconds) / 1e9)
    }
}
