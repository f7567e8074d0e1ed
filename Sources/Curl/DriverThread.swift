import Glibc

/// A joinable POSIX thread running one closure: the driver loop needs a thread of its own (it
/// blocks in `curl_multi_poll`), which the cooperative pool must never lend.
struct DriverThread: Sendable {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    private let thread: pthread_t

    /// Starts the thread at once; the caller must ``join()`` it exactly once.
    init(_ run: @escaping @Sendable () -> Void) {
        let body = Unmanaged.passRetained(Body(run)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { argument in
                guard let argument else { return nil }
                Unmanaged<Body>.fromOpaque(argument).takeRetainedValue().run()
                return nil
            }, body)
        precondition(result == 0, "pthread_create failed: \(result)")
        self.thread = thread
    }

    /// Whether the calling code runs on this thread (joining oneself would deadlock).
    var isCurrent: Bool {
        pthread_equal(pthread_self(), thread) != 0
    }

    /// Waits for the closure to return.
    func join() {
        pthread_join(thread, nil)
    }
}
