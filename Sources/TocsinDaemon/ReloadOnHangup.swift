import Logging
import ServiceLifecycle
import UnixSignals

/// Calls `reload` each time the process receives SIGHUP (Alertmanager's reload signal), until shutdown.
///
/// Trapping the signal matters even before there is anything to reload: SIGHUP's default action ends the
/// process, and `tocsin` passes SIGHUP on to the dispatcher and notifiers.
public struct ReloadOnHangup: Service {
    let reload: @Sendable () async -> Void

    public init(reload: @escaping @Sendable () async -> Void) {
        self.reload = reload
    }

    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                await self.reload()
            }
        }
    }
}
