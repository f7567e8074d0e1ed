import Logging
import ServiceLifecycle

/// Runs a store's maintenance (GC, snapshots, deferred alert writes) on the maintenance interval, and at
/// graceful shutdown writes the final snapshots and closes the store, as Alertmanager does on SIGTERM.
public struct StateStoreService: Service {
    public let store: StateStore
    public let maintenanceInterval: Duration
    let logger: Logger

    public init(store: StateStore, maintenanceInterval: Duration, logger: Logger) {
        self.store = store
        self.maintenanceInterval = maintenanceInterval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.store.runMaintenanceLoop(interval: self.maintenanceInterval)
        }
        do {
            try await self.store.close(snapshot: true)
            self.logger.info("wrote the final snapshots")
        } catch {
            self.logger.error("writing the final snapshots failed", metadata: ["err": "\(error)"])
            throw error
        }
    }
}
