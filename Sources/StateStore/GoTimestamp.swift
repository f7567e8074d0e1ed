import Foundation
import SwiftProtobuf

/// Alertmanager's view of a protobuf timestamp: gogoproto `stdtime` fields are never null, so a missing field
/// decodes to Go's zero time (0001-01-01T00:00:00Z), which is earlier than any real instant.
///
/// Comparisons use whole seconds and nanoseconds, never `Date` (a `Double`), so a snapshot read and written
/// back keeps every nanosecond and merge ties are decided exactly as Go decides them.
struct GoTimestamp: Sendable, Hashable, Comparable {
    /// Seconds since the Unix epoch.
    var seconds: Int64
    /// Nanoseconds within the second, 0..<1e9.
    var nanos: Int32

    /// Go's zero `time.Time` in Unix seconds.
    static let zero = GoTimestamp(seconds: -62_135_596_800, nanos: 0)

    init(seconds: Int64, nanos: Int32) {
        self.seconds = seconds
        self.nanos = nanos
    }

    /// The instant of a field that may be absent (absent is Go's zero time).
    init(has: Bool, _ timestamp: Google_Protobuf_Timestamp) {
        self = has ? GoTimestamp(seconds: timestamp.seconds, nanos: timestamp.nanos) : .zero
    }

    /// The instant of a `Date`, rounded to whole nanoseconds.
    init(_ date: Date) {
        let interval = date.timeIntervalSince1970
        var seconds = Int64(interval.rounded(.down))
        var nanos = Int32(((interval - Double(seconds)) * 1e9).rounded())
        if nanos >= 1_000_000_000 {
            seconds += 1
            nanos -= 1_000_000_000
        }
        self.init(seconds: seconds, nanos: nanos)
    }

    /// The protobuf form; always set, as Go always encodes it.
    var protobuf: Google_Protobuf_Timestamp {
        var timestamp = Google_Protobuf_Timestamp()
        timestamp.seconds = seconds
        timestamp.nanos = nanos
        return timestamp
    }

    /// The instant as a `Date` (sub-microsecond precision may be lost; use only for display and the model).
    var date: Date {
        Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9)
    }

    /// Go's `t.IsZero()`.
    var isZero: Bool { self == .zero }

    /// Go's `t.Unix()`.
    var unixSeconds: Int64 { seconds }

    /// This instant plus a duration in seconds (nanosecond-exact for whole-nanosecond durations).
    func adding(_ interval: TimeInterval) -> GoTimestamp {
        let wholeSeconds = Int64(interval.rounded(.down))
        var seconds = self.seconds + wholeSeconds
        var nanos = Int64(nanos) + Int64(((interval - Double(wholeSeconds)) * 1e9).rounded())
        if nanos >= 1_000_000_000 {
            seconds += 1
            nanos -= 1_000_000_000
        }
        return GoTimestamp(seconds: seconds, nanos: Int32(nanos))
    }

    static func < (lhs: GoTimestamp, rhs: GoTimestamp) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }
}
