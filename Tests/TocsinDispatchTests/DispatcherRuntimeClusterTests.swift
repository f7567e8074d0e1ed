import Foundation
import Synchronization
import Testing
import TocsinDispatch
import TocsinModel

/// A cluster whose settling the test controls, with a fixed peer wait.
final class ManualCluster: ClusterMembership {
    private let settled = Mutex(false)
    let peerWait: TimeInterval

    init(peerWait: TimeInterval) {
        self.peerWait = peerWait
    }

    func settle() {
        self.settled.withLock { $0 = true }
    }

    func waitUntilSettled() async {
        while !Task.isCancelled, !self.settled.withLock({ $0 }) {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}

@Suite struct DispatcherRuntimeClusterTests {
    static let config = """
        route:
          receiver: team
          group_by: [alertname]
          group_wait: 50ms
          group_interval: 20s
        receivers:
          - name: team
        """

    @Test func noJobIsHandedOffBeforeTheClusterSettlesAndDeadlinesIncludeThePeerWait() async throws {
        let sender = FakeJobSender(transientFailures: 0)
        let cluster = ManualCluster(peerWait: 30)
        let runtime = DispatcherRuntime(
            dispatcher: Dispatcher(config: try loadConfig(Self.config), at: Date()), sender: sender, cluster: cluster)
        let loop = Task { await runtime.run() }
        defer { loop.cancel() }
        try await runtime.ingest(Alert(labels: ["alertname": "Disk"]))
        // Well past group_wait: the alert is grouped, but nothing flushes while the cluster settles.
        try await Task.sleep(for: .milliseconds(400))
        #expect(await sender.attempts.isEmpty)
        #expect(await runtime.flushing == false)
        #expect(await runtime.groupsWithStatus().count == 1, "alerts are accepted and grouped meanwhile")

        cluster.settle()
        var attempts: [NotificationJob] = []
        for _ in 0..<250 where attempts.isEmpty {
            try await Task.sleep(for: .milliseconds(20))
            attempts = await sender.attempts
        }
        let job = try #require(attempts.first, "the group flushes once settled")
        #expect(names(job.alerts) == ["Disk"])
        // dispatch.go: max(group_interval, 10 s) + position × peer timeout.
        #expect(abs(job.deadline.timeIntervalSince(job.flushedAt) - 50) < 0.001)
    }
}
