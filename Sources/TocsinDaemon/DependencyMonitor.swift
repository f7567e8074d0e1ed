import ServiceLifecycle
import TocsinWire

/// Keeps a daemon's readiness in step with its connections: each required peer that is not connected is
/// listed as something the daemon waits for. Polls the clients' state a few times a second, which is
/// cheap and keeps the clients free of observer plumbing.
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

    public init(dependencies: [Dependency], readiness: ReadinessState, interval: Duration = .milliseconds(20)) {
        self.dependencies = dependencies
        self.readiness = readiness
        self.interval = interval
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                for dependency in self.dependencies {
                    self.readiness.set(dependency.name, satisfied: await dependency.client.isConnected)
                }
                try? await Task.sleep(for: self.interval)
            }
        }
    }
}
