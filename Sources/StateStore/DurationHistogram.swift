/// A histogram of durations with client_golang's default buckets, as Alertmanager's query-duration
/// histograms use them (prometheus.DefBuckets).
public struct DurationHistogram: Sendable, Equatable {
    /// The upper bounds of the buckets, in seconds (the `+Inf` bucket is implicit).
    public static let upperBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// Observations per bucket (not cumulative); index `upperBounds.count` is the overflow.
    public private(set) var bucketCounts = [UInt64](repeating: 0, count: DurationHistogram.upperBounds.count + 1)
    public private(set) var sum: Double = 0
    public private(set) var count: UInt64 = 0

    public init() {}

    public mutating func observe(_ seconds: Double) {
        let index = Self.upperBounds.firstIndex { seconds <= $0 } ?? Self.upperBounds.count
        self.bucketCounts[index] += 1
        self.sum += seconds
        self.count += 1
    }

    /// Cumulative counts for each finite bucket, as the exposition format wants them.
    public var cumulativeCounts: [UInt64] {
        var running: UInt64 = 0
        return Self.upperBounds.indices.map { index in
            running += self.bucketCounts[index]
            return running
        }
    }
}
