import Foundation

/// Wall and CPU time of `iterations` runs of `body`, in microseconds per run. CPU time is reported too
/// because wall time alone misleads on a shared machine.
func measure(_ iterations: Int, _ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    func cpuMicroseconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) * 1e6 + Double(ts.tv_nsec) / 1e3
    }
    let cpuStart = cpuMicroseconds()
    let elapsed = try ContinuousClock().measure {
        for _ in 0..<iterations { try body() }
    }
    let cpu = cpuMicroseconds() - cpuStart
    let wall = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
    return (wall / Double(iterations), cpu / Double(iterations))
}

/// FNV-1a 64 of `text`, printed so the Go side's output can be checked to be the same bytes.
func fnv1a(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
