import Synchronization

/// Lets a loop sleep until a deadline or until someone has something for it, whichever comes first.
///
/// A signal given while nobody waits is kept (one at most), so a wake-up between two waits is never lost.
/// Unlike an `AsyncStream` used for the same purpose, a wait that ends at its deadline leaves the signal
/// usable: cancelling a task parked in an `AsyncStream`'s `next()` finishes the stream, after which every
/// later wait returns at once, and the loop spins (seen: the dispatcher burnt a whole core from its first
/// timer on).
public final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiter, or the next wait if nobody waits now.
    public func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns at `deadline`, when signalled, or when the calling task is cancelled. One waiter at a time.
    public func wait(until deadline: ContinuousClock.Instant) async {
        if takePending() { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
            group.addTask { await self.waitForSignal() }
            await group.next()
            group.cancelAll()
        }
    }

    private func takePending() -> Bool {
        state.withLock { state in
            defer { state.pending = false }
            return state.pending
        }
    }

    private func waitForSignal() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    // Cancelled before parking: the cancellation handler found no waiter to resume.
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
