import Foundation
import Logging
import Testing
import TocsinConfig
import TocsinDispatch
import TocsinModel
import TocsinWire

@testable import HTTPAPI

/// A notifier stand-in on a real socket: answers every `Deliver` with `Delivered{success}` and keeps them.
actor FakeNotifier: WireRequestHandler {
    private(set) var received: [Tocsin_Notify_V1_Deliver] = []
    let success: Bool

    init(success: Bool) {
        self.success = success
    }

    func handle(_ request: WireRequest.OneOf_Body, from peer: WirePeer) async -> WireResponse.OneOf_Body? {
        guard case .notifier(let notifierRequest) = request, case .deliver(let deliver)? = notifierRequest.body else {
            return nil
        }
        received.append(deliver)
        var response = Tocsin_Notify_V1_NotifierResponse()
        var delivered = Tocsin_Notify_V1_Delivered()
        delivered.success = success
        response.delivered = delivered
        return .notifier(response)
    }
}

@Suite(.timeLimit(.minutes(1)))
struct NotifierJobSenderTests {
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// One job for `receiver`, flushed `age` seconds ago (its deadline is the flush plus 10 s).
    static func job(for receiver: String, flushedSecondsAgo age: Double = 0) throws -> NotificationJob {
        let config = try AlertmanagerConfig.load(
            """
            route:
              receiver: a
              group_by: [alertname]
              group_wait: 0s
              group_interval: 1s
              routes:
                - receiver: b
                  matchers: ['team="b"']
            receivers:
              - name: a
              - name: b
            """
        )
        let start = Date().addingTimeInterval(-age)
        var dispatcher = Dispatcher(config: config, at: start)
        try dispatcher.ingest(Alert(labels: ["alertname": "Disk", "team": receiver]), at: start)
        return try #require(dispatcher.advance(to: start).first)
    }

    func directory() throws -> String {
        let path = NSTemporaryDirectory() + "tocsin-sender-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func jobGoesToTheNotifierOfItsReceiversPartitionAsADeliver() async throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let notifiers = [FakeNotifier(success: true), FakeNotifier(success: false)]
        let servers = notifiers.enumerated().map { index, notifier in
            WireServer(
                configuration: .init(socketPath: "\(dir)/notifier-\(index).sock", role: .notifier),
                handlers: [notifier],
                logger: Self.logger
            )
        }
        let clients = (0..<2).map { index in
            WireClient(configuration: .init(socketPath: "\(dir)/notifier-\(index).sock", role: .dispatcher), logger: Self.logger)
        }
        let tasks = servers.map { server in Task { try await server.run() } } + clients.map { client in Task { try await client.run() } }
        defer { tasks.forEach { $0.cancel() } }
        // A loaded machine may take a while to connect; the job's deadline must not run out before.
        for client in clients {
            try await client.waitUntilConnected(timeout: .seconds(30))
        }
        let sender = NotifierJobSender(notifiers: clients, partitions: [["a"], ["b"]])

        let job = try Self.job(for: "b")
        #expect(job.receiver == "b")
        #expect(await sender.send(job) == .delivered(succeeded: false))
        let delivered = try #require(await notifiers[1].received.first)
        #expect(await notifiers[0].received.isEmpty)
        #expect(delivered.receiver == "b")
        #expect(delivered.groupKey == job.groupKey.rawValue)
        #expect(delivered.alerts.map { $0.labels.map(\.name) } == [["alertname", "team"]])
        #expect(delivered.repeatIntervalMilliseconds == 4 * 3600 * 1000)
        #expect(delivered.deadline.date == job.deadline)

        #expect(await sender.send(try Self.job(for: "a")) == .delivered(succeeded: true))
        #expect(await notifiers[0].received.count == 1)
        // The job id is stable across resends of the same job.
        _ = await sender.send(job)
        let ids = await notifiers[1].received.map(\.jobID)
        #expect(ids.count == 2 && ids[0] == ids[1])
    }

    @Test func unreachableNotifierIsRetryableUntilTheDeadline() async throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let client = WireClient(configuration: .init(socketPath: "\(dir)/notifier-0.sock", role: .dispatcher), logger: Self.logger)
        let task = Task { try await client.run() }
        defer { task.cancel() }
        let sender = NotifierJobSender(notifiers: [client], partitions: [])
        let outcome = await sender.send(try Self.job(for: "a", flushedSecondsAgo: 9.7))
        guard case .retry = outcome else {
            Issue.record("expected a retry, got \(outcome)")
            return
        }
    }
}
