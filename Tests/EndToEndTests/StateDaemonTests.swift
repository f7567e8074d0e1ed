#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Logging
import SwiftProtobuf
import Supervisor
import Testing
import TocsinWire

/// tocsin-state as a real process, driven through its socket: nothing it acknowledged may be lost, not
/// even when it is killed with SIGKILL at a random moment.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct StateDaemonTests {
    @Test func acknowledgedChangesSurviveSIGKILLAtRandomMoments() async throws {
        let scratch = try ScratchDirectory()
        var acknowledgedSilences: [String] = []
        var acknowledgedNotifications: [String] = []

        for round in 0..<5 {
            let process = try StateProcess.start(storagePath: "\(scratch.path)/data")
            defer { process.send(signal: SIGKILL) }  // on every path out of the round, a throw included
            let client = try await StateProcess.connect(storagePath: "\(scratch.path)/data")
            // Every change this round acknowledges is remembered before the next one is sent.
            let progress = AcknowledgementCounter()
            let writer = Task { () -> ([String], [String]) in
                var silences: [String] = []
                var notifications: [String] = []
                for index in 0..<10_000 {
                    do {
                        let answer = try await client.request(
                            .state(.setSilence(silenceNamed("round\(round)-\(index)"))), timeout: .seconds(2))
                        guard case .state(let state) = answer, case .silenceSet(let set) = state.body else { break }
                        silences.append(set.id)
                        await progress.increment()
                        let groupKey = "{}:{alertname=\"round\(round)-\(index)\"}"
                        _ = try await client.request(.state(.logNotification(notification(groupKey: groupKey))), timeout: .seconds(2))
                        notifications.append(groupKey)
                    } catch {
                        break  // the process died: the request in flight was not acknowledged
                    }
                }
                return (silences, notifications)
            }
            // Kill at a random moment once changes are flowing (a loaded machine may take a while to start).
            #expect(await eventually(within: .seconds(30)) { await progress.count > 0 })
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...500)))
            process.send(signal: SIGKILL)
            _ = await process.waitForExit(orKillAfter: .seconds(60))
            let (silences, notifications) = await writer.value
            await client.stop()
            #expect(!silences.isEmpty, "round \(round) acknowledged nothing before the kill")
            acknowledgedSilences += silences
            acknowledgedNotifications += notifications
        }

        let process = try StateProcess.start(storagePath: "\(scratch.path)/data")
        defer { process.send(signal: SIGKILL) }
        let client = try await StateProcess.connect(storagePath: "\(scratch.path)/data")
        let answer = try await client.request(.state(.querySilences(Tocsin_State_V1_QuerySilences())))
        guard case .state(let state) = answer, case .silences(let stored) = state.body else {
            Issue.record("unexpected answer \(answer)")
            return
        }
        let present = Set(stored.silences.map(\.id))
        let lost = acknowledgedSilences.filter { !present.contains($0) }
        #expect(lost.isEmpty, "\(lost.count) of \(acknowledgedSilences.count) acknowledged silences were lost")
        for groupKey in acknowledgedNotifications.shuffled().prefix(200) {
            var query = Tocsin_State_V1_QueryNotification()
            query.receiver = receiver
            query.groupKey = groupKey
            let found = try await client.request(.state(.queryNotification(query)))
            guard case .state(let state) = found, case .notification(let entry) = state.body else { continue }
            #expect(entry.found, "acknowledged nflog entry \(groupKey) was lost")
        }
        await client.stop()
        process.send(signal: SIGTERM)
        #expect(await process.waitForExit(orKillAfter: .seconds(60)) == .exited(code: 0))
    }

    @Test func changeStreamDeliversTheSnapshotThenLocalChanges() async throws {
        let scratch = try ScratchDirectory()
        let process = try StateProcess.start(storagePath: "\(scratch.path)/data")
        defer { process.send(signal: SIGKILL) }
        let client = try await StateProcess.connect(storagePath: "\(scratch.path)/data")
        _ = try await client.request(.state(.setSilence(silenceNamed("before"))))

        var updates = await client.subscribe(to: "state").makeAsyncIterator()
        guard case .resync = try await updates.next() else {
            Issue.record("a new subscriber must be told to resync")
            return
        }
        #expect(try await updates.next()?.stateEvent?.origin == .snapshot)

        let answer = try await client.request(.state(.setSilence(silenceNamed("after"))))
        guard case .state(let state) = answer, case .silenceSet(let set) = state.body else {
            Issue.record("unexpected answer \(answer)")
            return
        }
        let event = try #require(try await updates.next()?.stateEvent)
        #expect(event.origin == .local)
        guard case .silence(let silence) = event.change else {
            Issue.record("expected a silence change, got \(String(describing: event.change))")
            return
        }
        #expect(silence.silence.id == set.id)
        await client.stop()
    }

    @Test func invalidSilenceIsRefusedWithAlertmanagersText() async throws {
        let scratch = try ScratchDirectory()
        let process = try StateProcess.start(storagePath: "\(scratch.path)/data")
        defer { process.send(signal: SIGKILL) }
        let client = try await StateProcess.connect(storagePath: "\(scratch.path)/data")
        var silence = silenceNamed("x")
        silence.silence.matchers = []
        await #expect(throws: WireClientError.failed(.invalid, "silence invalid: at least one matcher required")) {
            try await client.request(.state(.setSilence(silence)))
        }
        var expire = Tocsin_State_V1_ExpireSilence()
        expire.id = "does-not-exist"
        await #expect(throws: WireClientError.failed(.notFound, "silence not found")) {
            try await client.request(.state(.expireSilence(expire)))
        }
        await client.stop()
    }
}

// MARK: - Support

private let receiver: Nflogpb_Receiver = {
    var receiver = Nflogpb_Receiver()
    receiver.groupName = "team"
    receiver.integration = "webhook"
    receiver.idx = 0
    return receiver
}()

private func silenceNamed(_ name: String) -> Tocsin_State_V1_SetSilence {
    var matcher = Silencepb_Matcher()
    matcher.type = .equal
    matcher.name = "alertname"
    matcher.pattern = name
    var silence = Silencepb_Silence()
    silence.matchers = [matcher]
    silence.startsAt = Google_Protobuf_Timestamp(date: Date())
    silence.endsAt = Google_Protobuf_Timestamp(date: Date().addingTimeInterval(3600))
    silence.createdBy = "e2e"
    silence.comment = "crash test"
    var request = Tocsin_State_V1_SetSilence()
    request.silence = silence
    return request
}

private func notification(groupKey: String) -> Tocsin_State_V1_LogNotification {
    var request = Tocsin_State_V1_LogNotification()
    request.receiver = receiver
    request.groupKey = groupKey
    request.firingAlerts = [1, 2, 3]
    request.expiryMilliseconds = 3_600_000
    return request
}

extension WireRequest.OneOf_Body {
    fileprivate static func state(_ body: Tocsin_State_V1_StateRequest.OneOf_Body) -> Self {
        var request = Tocsin_State_V1_StateRequest()
        request.body = body
        return .state(request)
    }
}

extension WireSubscriptionUpdate {
    fileprivate var stateEvent: Tocsin_State_V1_StateEvent? {
        guard case .event(let event) = self, case .state(let state) = event.body else { return nil }
        return state
    }
}

/// Counts acknowledged changes across tasks.
private actor AcknowledgementCounter {
    private(set) var count = 0

    func increment() {
        self.count += 1
    }
}

/// A tocsin-state process of its own, and a client connected to it.
private enum StateProcess {
    static func start(storagePath: String) throws -> ChildProcess {
        try ChildProcess.spawn(
            executable: BuiltExecutables.path("tocsin-state"),
            arguments: ["--storage.path=\(storagePath)", "--log.level=warn"],
            environment: [:]
        )
    }

    static func connect(storagePath: String) async throws -> ConnectedClient {
        let client = WireClient(
            configuration: .init(socketPath: "\(storagePath)/run/state.sock", role: .tool),
            logger: Logger(label: "e2e", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task { try await client.run() }
        try await client.waitUntilConnected(timeout: .seconds(60))
        return ConnectedClient(client: client, task: task)
    }
}

/// A client and the task that keeps it connected.
private struct ConnectedClient: Sendable {
    let client: WireClient
    let task: Task<Void, any Error>

    func request(_ body: WireRequest.OneOf_Body, timeout: Duration? = nil) async throws -> WireResponse.OneOf_Body {
        try await self.client.request(body, timeout: timeout)
    }

    func subscribe(to topic: String) async -> AsyncThrowingStream<WireSubscriptionUpdate, any Error> {
        await self.client.subscribe(to: topic)
    }

    func stop() async {
        self.task.cancel()
        _ = try? await self.task.value
    }
}
