#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A wall-clock instant with millisecond formatting as Alertmanager's logs print it
/// (`2026-11-25T00:34:32.550Z`), without going through Foundation's formatters on every line.
public struct Timestamp: Sendable, Equatable {
    public var secondsSinceEpoch: Int
    public var milliseconds: Int

    public init(secondsSinceEpoch: Int, milliseconds: Int) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.milliseconds = milliseconds
    }

    /// The current time from the realtime clock.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(secondsSinceEpoch: spec.tv_sec, milliseconds: spec.tv_nsec / 1_000_000)
    }

    /// RFC 3339 in UTC with exactly three fractional digits.
    public var rfc3339Milliseconds: String {
        var seconds = time_t(self.secondsSinceEpoch)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(self.milliseconds), 3))Z"
    }
}
