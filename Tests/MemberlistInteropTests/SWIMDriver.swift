#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Memberlist

/// A minimal single-threaded driver for ``SWIMStateMachine`` on real loopback sockets, for interop tests
/// only: it performs the machine's actions, runs its timers on the continuous clock and answers TCP streams.
final class SWIMDriver {
    typealias Machine = SWIMStateMachine<ContinuousClock.Instant>

    var machine: Machine
    let udp: LoopbackSocket
    let listener: LoopbackSocket
    var timers: [SWIMTimer: ContinuousClock.Instant] = [:]
    var events: [MemberEvent] = []
    var userMessages: [[UInt8]] = []
    var leaveFinished = false
    var pushPullsServed = 0
    var repliesSent = 0
    let fullState = ClusterFullState(parts: [ClusterPart(key: "nfl", data: []), ClusterPart(key: "sil", data: [])])

    init(name: String, port: UInt16) throws {
        udp = try LoopbackSocket(udpPort: port)
        listener = try LoopbackSocket(listeningOn: port)
        let now = ContinuousClock.now
        machine = Machine(name: name, address: NodeAddress(ip: [127, 0, 0, 1], port: port), now: now, seed: UInt64(port))
        perform(machine.start(now: now))
    }

    func perform(_ actions: [Machine.Action]) {
        for action in actions {
            switch action {
            case .sendPacket(let bytes, let address):
                try? udp.sendDatagram(bytes, toPort: address.port)
            case .sendStreamPing(let ping, let address, _):
                let acknowledged =
                    (try? exchange(.ping(ping), port: address.port)).map {
                        if case .ack(let ack) = $0.message { return ack.seqNo == ping.seqNo } else { return false }
                    } ?? false
                perform(machine.streamPingCompleted(seqNo: ping.seqNo, acknowledged: acknowledged, now: .now))
            case .startPushPull(let address, let join):
                let request = StreamMessage.pushPull(PushPull(join: join, nodes: machine.localState, userState: fullState.protobuf))
                if let reply = try? exchange(request, port: address.port), case .pushPull(let theirs) = reply.message,
                    let merged = try? machine.mergeRemoteState(theirs.nodes, now: .now)
                {
                    perform(merged)
                }
            case .schedule(let timer, let deadline):
                timers[timer] = deadline
            case .notify(let event):
                events.append(event)
            case .deliverUserMessage(let bytes):
                userMessages.append(bytes)
            case .leaveBroadcastFinished:
                leaveFinished = true
            }
        }
    }

    func exchange(_ message: StreamMessage, port: UInt16) throws -> StreamFrame {
        let connection = try LoopbackSocket(connectingTo: port)
        try connection.send(StreamEncoder().encode(message))
        return try readFrame(connection)
    }

    func readFrame(_ connection: borrowing LoopbackSocket) throws -> StreamFrame {
        let decoder = StreamDecoder()
        var frame: StreamFrame?
        _ = try connection.receive(within: 2000) { bytes in
            if case .frame(let decoded, _)? = try? decoder.decode(bytes) { frame = decoded }
            return frame != nil
        }
        guard let frame else { throw LoopbackSocket.Failure.timeout("stream") }
        return frame
    }

    /// Serves one inbound TCP stream: push/pull, user message or fallback ping.
    func serve(_ connection: borrowing LoopbackSocket) {
        guard let frame = try? readFrame(connection) else { return }
        switch frame.message {
        case .pushPull(let theirs):
            let reply = PushPull(join: theirs.join, nodes: machine.localState, userState: fullState.protobuf)
            try? connection.send(StreamEncoder().encode(.pushPull(reply)))
            pushPullsServed += 1
            if let merged = try? machine.mergeRemoteState(theirs.nodes, now: .now) { perform(merged) }
        case .ping(let ping):
            if let ack = machine.answerStreamPing(ping) { try? connection.send(StreamEncoder().encode(.ack(ack))) }
        case .user(let bytes):
            userMessages.append(bytes)
        case .ack, .error:
            break
        }
    }

    /// Runs the machine for `duration` (or until `stop` says so) on a thread of its own, so it answers
    /// probes at once without holding a thread of the cooperative pool for seconds.
    func run(for duration: Duration, until stop: @escaping () -> Bool = { false }) async {
        let run = UncheckedRun(driver: self, stop: stop)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                run.driver.runBlocking(for: duration, until: run.stop)
                continuation.resume()
            }
        }
    }

    /// Runs the machine for `duration` (or until `stop` says so): datagrams, streams and due timers.
    private func runBlocking(for duration: Duration, until stop: () -> Bool) {
        let end = ContinuousClock.now.advanced(by: duration)
        while ContinuousClock.now < end, !stop() {
            if let connection = listener.acceptIfReady() { serve(connection) }
            if let datagram = try? udp.receiveDatagramWithSource(within: 20) {
                let actions = machine.receive(datagram: datagram.bytes, from: NodeAddress(ip: datagram.ip, port: datagram.port), now: .now)
                repliesSent += actions.filter { if case .sendPacket = $0 { return true } else { return false } }.count
                perform(actions)
            }
            let now = ContinuousClock.now
            for (timer, deadline) in timers where deadline <= now {
                timers[timer] = nil
                perform(machine.timerFired(timer, now: now))
            }
        }
    }
}

/// The driver (and the test's stop condition) handed to the thread that runs it: the test awaits that thread
/// and touches the driver only before and after, so there is never concurrent access.
private struct UncheckedRun: @unchecked Sendable {
    let driver: SWIMDriver
    let stop: () -> Bool
}
