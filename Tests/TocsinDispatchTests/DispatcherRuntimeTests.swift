import Foundation
import Testing
import TocsinDispatch
import TocsinModel

/// A notifier stand-in: fails the first `transientFailures` hand-offs, then reports `succeeded`.
actor FakeJobSender: NotificationJobSender {
    private(set) var attempts: [NotificationJob] = []
    private var transientFailures: Int
    private let succeeded: Bool

    init(transientFailures: Int, succeeded: Bool = true) {
        self.transientFailures = transientFailures
        self.succeeded = succeeded
    }

    func send(_ job: NotificationJob) async -> JobDeliveryOutcome {
        attempts.append(job)
        if transientFailures > 0 {
            transientFailures -= 1
            return .retry("notifier restarting")
        }
        return .delivered(succeeded: succeeded)
    }
}

@Suite struct DispatcherRuntimeTests {
    static let config = """
        route:
          receiver: team
          group_by: [alertname]
          group_wait: 50ms
          group_interval: 1h
        receivers:
          - name: team
        """

    /// Polls `condition` every 20ms for at most 5s.
    func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<250 {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func ingestedAlertFlushesAfterGroupWaitAndResendsAfterTransientFailure() async throws {
        let sender = FakeJobSender(transientFailures: 2)
        let dispatcher = Dispatcher(config: try loadConfig(Self.config), at: Date())
        let runtime = DispatcherRuntime(dispatcher: dispatcher, sender: sender, retryDelay: .milliseconds(10))
        let loop = Task { await runtime.run() }
        defer { loop.cancel() }
        try await runtime.ingest(Alert(labels: ["alertname": "Disk"]))
        let settled = await eventually {
            let attempts = await sender.attempts.count
            let inFlight = await runtime.jobsInFlight
            return attempts == 3 && inFlight == 0
        }
        #expect(settled)
        let attempts = await sender.attempts
        #expect(Set(attempts.map(\.id)).count == 1)
        #expect(attempts.first?.receiver == "team")
        #expect(attempts.first.map { names($0.alerts) } == ["Disk"])
    }

    @Test func invalidAlertIsRejectedWithAlertmanagersMessage() async throws {
        let runtime = DispatcherRuntime(
            dispatcher: Dispatcher(config: try loadConfig(Self.config), at: Date()),
            sender: FakeJobSender(transientFailures: 0)
        )
        let (stored, errors) = await runtime.ingest([Alert(labels: ["empty": ""])])
        #expect(stored.isEmpty)
        #expect(errors == [.noLabels])
        #expect(await runtime.alertsWithStatus().isEmpty)
    }

    @Test func alertsListShowsSilencedStatusFromTheMatcher() async throws {
        let runtime = DispatcherRuntime(
            dispatcher: Dispatcher(config: try loadConfig(Self.config), at: Date()),
            sender: FakeJobSender(transientFailures: 0)
        )
        let now = Date()
        let silence = Silence(
            id: "s1",
            matchers: [try Matcher(name: "alertname", type: .equal, value: "Disk")],
            startsAt: now.addingTimeInterval(-60),
            endsAt: now.addingTimeInterval(3600),
            updatedAt: now,
            createdBy: "me",
            comment: "c"
        )
        await runtime.setSilences(SilenceList([silence]))
        try await runtime.ingest(Alert(labels: ["alertname": "Disk"]))
        let listed = await runtime.alertsWithStatus()
        #expect(listed.count == 1)
        #expect(listed.first?.status.silencedBy == ["s1"])
        #expect(listed.first?.receivers == ["team"])
    }

    @Test func collectedAlertsAreReportedForRemovalFromStorage() async throws {
        var options = DispatcherOptions()
        options.garbageCollectionInterval = 0.05
        let runtime = DispatcherRuntime(
            dispatcher: Dispatcher(config: try loadConfig(Self.config), options: options, at: Date()),
            sender: FakeJobSender(transientFailures: 0)
        )
        let removed = CollectedLog()
        await runtime.setCollectedHandler { await removed.append($0) }
        let loop = Task { await runtime.run() }
        defer { loop.cancel() }
        let resolved = Alert(
            labels: ["alertname": "Old"], startsAt: Date(timeIntervalSinceNow: -120), endsAt: Date(timeIntervalSinceNow: -60))
        try await runtime.ingest(resolved)
        #expect(await eventually { await removed.fingerprints.contains(resolved.fingerprint) })
        #expect(await runtime.storedAlerts([resolved.fingerprint]).isEmpty)
    }
}

/// Collects what the runtime reports as garbage-collected.
actor CollectedLog {
    private(set) var fingerprints: [Fingerprint] = []

    func append(_ collected: [Fingerprint]) {
        fingerprints += collected
    }
}
