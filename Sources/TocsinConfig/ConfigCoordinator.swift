import Logging
import Synchronization

/// Owns the configuration a daemon runs with: loads it at start and on every reload request (SIGHUP,
/// `POST /-/reload`), all or nothing.
///
/// As in Alertmanager (config/coordinator.go), a reload that fails leaves the previous configuration in
/// force and reports the error; one that succeeds replaces it and tells the subscribers.
public final class ConfigCoordinator: Sendable {
    /// The file read on each load.
    public let path: String
    private let logger: Logger
    private let state = Mutex<State>(State())

    private struct State {
        var current: AlertmanagerConfig?
        var lastReloadSucceeded = false
        var lastSuccessSecondsSinceEpoch: Double = 0
        var subscribers: [@Sendable (AlertmanagerConfig) -> Void] = []
    }

    public init(path: String, logger: Logger) {
        self.path = path
        var logger = logger
        logger[metadataKey: "component"] = "configuration"
        self.logger = logger
    }

    /// The configuration in force, once one has loaded.
    public var current: AlertmanagerConfig? { self.state.withLock { $0.current } }

    /// Whether the last load succeeded, and when the last success was (for the
    /// `alertmanager_config_last_reload_*` metrics).
    public var lastReload: (successful: Bool, successTimestamp: Double) {
        self.state.withLock { ($0.lastReloadSucceeded, $0.lastSuccessSecondsSinceEpoch) }
    }

    /// Calls `subscriber` with every configuration that loads from now on.
    public func subscribe(_ subscriber: @escaping @Sendable (AlertmanagerConfig) -> Void) {
        self.state.withLock { $0.subscribers.append(subscriber) }
    }

    /// Reads and validates the file; on success it becomes the configuration in force.
    @discardableResult
    public func reload() throws(ConfigError) -> AlertmanagerConfig {
        self.logger.info("Loading configuration file", metadata: ["file": "\(self.path)"])
        let config: AlertmanagerConfig
        do throws(ConfigError) {
            config = try AlertmanagerConfig.load(file: self.path)
        } catch {
            self.state.withLock { $0.lastReloadSucceeded = false }
            self.logger.error("Loading configuration file failed", metadata: ["file": "\(self.path)", "err": "\(error)"])
            throw error
        }
        let subscribers = self.state.withLock { state in
            state.current = config
            state.lastReloadSucceeded = true
            state.lastSuccessSecondsSinceEpoch = Self.now()
            return state.subscribers
        }
        subscribers.forEach { $0(config) }
        self.logger.info("Completed loading of configuration file", metadata: ["file": "\(self.path)"])
        return config
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

#if canImport(Glibc)
import Glibc
#endif
