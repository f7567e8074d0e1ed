import ServiceLifecycle
import TocsinWire

/// Keeps a daemon's readiness in step with its connections: each required peer that is not connected is
/// listed as something the daemon waits for. Polls the clients' state, which keeps the clients free of
/// observer plumbing: every `interval` while something is missing (start-up is gated on it), every
/// `settledInterval` once all are connected, so an idle node does not wake fifty times a second.
public struct DependencyMonitor: Service {
    /// A named connection the daemon needs.
    public struct Dependency: Sendable {
        public var name: String
        public var client: WireClient

        public init(name: String, client: WireClient) {
            self.name = name
            self.client = client
        }
    }

    public let dependencies: [Dependency]
    public let readiness: ReadinessState
    public let interval: Duration
    public let settledInterval: Duration

    public init(
        dependencies: [Dependency], readiness: ReadinessState, interval: Duration = .milliseconds(20),
        settledInterval: Duration = .seconds(1)
    ) {
        self.dependencies = dependencies
        self.readiness = readiness
        self.interval = interval
        self.settledInterval = settledInterval
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var allConnected = true
                for dependency in self.dependencies {
                    let connected = await dependency.client.isConnected
                    self.readiness.set(dependency.name, satisfied: connected)
                    allConnected = allConnected && connected
                }
                try? await Task.sleep(for: allConnected ? self.settledInterval : self.interval)
            }
        }
    }
}
