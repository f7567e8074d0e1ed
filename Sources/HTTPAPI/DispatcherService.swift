import Foundation
import Logging
import ServiceLifecycle
import TocsinDispatch

/// Runs a `DispatcherRuntime` as a service of the dispatcher daemon: first restores every alert the state
/// store holds (retrying while it is unreachable), so a restarted dispatcher forgets nothing it acknowledged,
/// then drives the pipeline until shutdown, removing from the state store the alerts the dispatcher collects.
public struct DispatcherService: Service {
    let runtime: DispatcherRuntime
    let alerts: StateAlerts
    let logger: Logger
    let onRestored: @Sendable () -> Void

    /// `onRestored` is called once every stored alert is back (the daemon reports ready only then).
    public init(runtime: DispatcherRuntime, alerts: StateAlerts, logger: Logger, onRestored: @escaping @Sendable () -> Void = {}) {
        self.runtime = runtime
        self.alerts = alerts
        self.logger = logger
        self.onRestored = onRestored
    }

    public func run() async throws {
        let (runtime, alerts, logger) = (self.runtime, self.alerts, self.logger)
        await runtime.setCollectedHandler { fingerprints in
            if let failure = await alerts.remove(fingerprints) {
                logger.warning("Removing collected alerts from the state store failed", metadata: ["err": "\(failure)"])
            }
            // An alert posted again between the collection and the removal must stay stored.
            let back = await runtime.storedAlerts(fingerprints)
            if !back.isEmpty, let failure = await alerts.persist(back) {
                logger.warning("Re-persisting alerts failed", metadata: ["err": "\(failure)"])
            }
        }
        try await cancelWhenGracefulShutdown {
            await restore()
            await runtime.run()
        }
    }

    private func restore() async {
        while !Task.isCancelled {
            do {
                let stored = try await alerts.all()
                await runtime.put(stored)
                logger.debug("Restored alerts from the state store", metadata: ["count": "\(stored.count)"])
                onRestored()
                return
            } catch {
                logger.warning("Reading alerts from the state store failed", metadata: ["err": "\(error)"])
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}
