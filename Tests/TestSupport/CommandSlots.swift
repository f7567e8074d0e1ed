/// Limits how many short commands (``TestCommand``) run at once across the whole test process.
///
/// Swift Testing starts every test at once; a parameterised test over a 200-file corpus would otherwise
/// start 200 `amtool`s together, and the fork storm would push every other test past its deadlines. The
/// limit keeps the machine busy without drowning it. Long-running servers (``TestProcess`` started directly)
/// are not counted: they would hold a slot for their whole life.
actor CommandSlots {
    static let shared = CommandSlots(limit: 4)

    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = limit
    }

    /// Runs `body` once a slot is free.
    func withSlot<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if running < limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            // The slot passes straight to the next waiter.
            waiting.removeFirst().resume()
        }
    }
}
