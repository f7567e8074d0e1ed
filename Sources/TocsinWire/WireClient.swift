#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import Logging
import NIOCore
import WakeSignal
import NIOPosix
import ServiceLifecycle

/// A connection to another Tocsin process that survives that process restarting.
///
/// Run it as a `Service` (or call ``run()`` in a task): it connects, says hello, and when the connection
/// drops it fails the requests in flight with ``WireClientError/connectionLost`` (retryable: the caller
/// decides whether resending is safe), reconnects with backoff, and re-opens every subscription from the
/// last position it delivered. A peer restart therefore looks to callers like a short delay, and to
/// subscribers like a pause (or a `resync` when the peer cannot replay what they missed).
public actor WireClient: Service {
    public struct Configuration: Sendable {
        public var socketPath: String
        /// What this process announces in its hello.
        public var role: WireRole
        public var instance: String
        public var maximumFrameSize: Int
        public var reconnectBackoff: Backoff
        /// How long a request may wait (for a connection and then for its answer) when the caller gives no timeout.
        public var requestTimeout: Duration

        public init(
            socketPath: String,
            role: WireRole,
            instance: String = "",
            maximumFrameSize: Int = WireProtocol.defaultMaximumFrameSize,
            reconnectBackoff: Backoff = .reconnect,
            requestTimeout: Duration = .seconds(10)
        ) {
            self.socketPath = socketPath
            self.role = role
            self.instance = instance
            self.maximumFrameSize = maximumFrameSize
            self.reconnectBackoff = reconnectBackoff
            self.requestTimeout = requestTimeout
        }
    }

    public nonisolated let configuration: Configuration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger

    /// The live connection, if any. `generation` tells requests of an old connection from current ones.
    private struct Link {
        let outbound: NIOAsyncChannelOutboundWriter<WireFrame>
        let reply: WireHelloReply
        let generation: Int
    }

    private enum PendingState {
        case writing
        case waiting(CheckedContinuation<WireResponse.OneOf_Body, any Error>)
        case finished(Result<WireResponse.OneOf_Body, WireClientError>)
    }

    private struct PendingRequest {
        var state: PendingState
        let deadline: ContinuousClock.Instant
        let generation: Int
    }

    private struct Subscription {
        let topic: String
        var position: WireStreamPosition?
        let continuation: AsyncThrowingStream<WireSubscriptionUpdate, any Error>.Continuation
    }

    private var link: Link?
    private var generation = 0
    private var lastFailure: String?
    private var stopped = false
    private var nextRequestID: UInt64 = 1
    private var pending: [UInt64: PendingRequest] = [:]
    /// When the sweeper next looks for overdue requests, and how to make it look sooner.
    private var plannedSweep: ContinuousClock.Instant?
    private let sweepSignal = WakeSignal()
    private var linkWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiterID = 0
    private var subscriptions: [Int: Subscription] = [:]
    private var nextSubscriptionID = 0
    /// Subscribe requests in flight: request id → local subscription id.
    private var subscribing: [UInt64: Int] = [:]
    /// Server subscription id → local subscription id, for the current connection.
    private var serverSubscriptions: [UInt64: Int] = [:]

    public init(
        configuration: Configuration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        var logger = logger
        logger[metadataKey: "socket"] = "\(configuration.socketPath)"
        self.logger = logger
    }

    // MARK: - Public interface

    /// Whether a connection is established and past its hello.
    public var isConnected: Bool { self.link != nil }

    /// The hello reply of the current connection: who the peer is.
    public var peer: WireHelloReply? { self.link?.reply }

    /// Waits until connected; throws ``WireClientError/notConnected(_:)`` after `timeout`.
    public func waitUntilConnected(timeout: Duration) async throws {
        _ = try await self.currentLink(until: .now + timeout)
    }

    /// Sends a request and waits for its answer.
    ///
    /// Waits for a connection first if there is none (a restarting peer), all within `timeout`.
    /// - Throws: ``WireClientError``: `notConnected`, `connectionLost` (the request may or may not have
    ///   been served), `timedOut`, `cancelled`, `stopped`, or `failed` when the peer answered with a failure.
    public func request(_ body: WireRequest.OneOf_Body, timeout: Duration? = nil) async throws -> WireResponse.OneOf_Body {
        try await self.request(body, timeout: timeout, opening: nil)
    }

    /// `opening` names the local subscription a subscribe request opens, so the reply is matched to it
    /// as soon as it arrives, before any of the subscription's events.
    private func request(
        _ body: WireRequest.OneOf_Body,
        timeout: Duration?,
        opening subscription: Int?
    ) async throws -> WireResponse.OneOf_Body {
        let deadline = ContinuousClock.now + (timeout ?? self.configuration.requestTimeout)
        let link = try await self.currentLink(until: deadline)
        let id = self.nextRequestID
        self.nextRequestID += 1
        if let subscription {
            self.subscribing[id] = subscription
        }
        self.pending[id] = PendingRequest(state: .writing, deadline: deadline, generation: link.generation)
        if let planned = self.plannedSweep, deadline < planned {
            self.plannedSweep = deadline
            self.sweepSignal.signal()
        }
        let answer = try await withTaskCancellationHandler {
            do {
                try await link.outbound.write(WireFrame(.request(WireRequest(id: id, body: body))))
            } catch {
                self.finish(id, with: .failure(.connectionLost("write failed: \(error)")))
            }
            return try await withCheckedThrowingContinuation { continuation in
                switch self.pending[id]?.state {
                case .finished(let result):
                    self.pending[id] = nil
                    continuation.resume(with: result.mapError { $0 as any Error })
                case .writing:
                    self.pending[id]?.state = .waiting(continuation)
                case .waiting, .none:
                    continuation.resume(throwing: WireClientError.cancelled)
                }
            }
        } onCancel: {
            Task { await self.finish(id, with: .failure(.cancelled)) }
        }
        if case .failure(let failure) = answer {
            throw WireClientError.failed(failure.code, failure.message)
        }
        return answer
    }

    /// Subscribes to a topic. The stream delivers the topic's events across reconnects; a `.resync` update
    /// means the subscriber must drop what it holds, because the events that follow rebuild the state.
    /// The stream ends when the client stops, and throws if the peer refuses the topic.
    public func subscribe(to topic: String) -> AsyncThrowingStream<WireSubscriptionUpdate, any Error> {
        let (stream, continuation) = AsyncThrowingStream<WireSubscriptionUpdate, any Error>.makeStream()
        let id = self.nextSubscriptionID
        self.nextSubscriptionID += 1
        self.subscriptions[id] = Subscription(topic: topic, position: nil, continuation: continuation)
        continuation.onTermination = { _ in
            Task { await self.closeSubscription(id) }
        }
        if self.link != nil {
            Task { await self.openSubscription(id) }
        }
        return stream
    }

    /// Keeps the connection up until the task is cancelled or the service group shuts down gracefully.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.maintainConnection() }
                group.addTask { await self.expireOverdueRequests() }
                await group.next()
                group.cancelAll()
            }
        }
        self.stop()
    }

    // MARK: - Connection

    private func maintainConnection() async {
        var backoff = self.configuration.reconnectBackoff
        var wasConnected = false
        while !Task.isCancelled {
            do {
                try await self.connectAndServe {
                    backoff.reset()
                    if !wasConnected {
                        self.logger.debug("connected")
                    }
                    wasConnected = true
                }
                self.detach(reason: "peer closed the connection")
            } catch {
                self.detach(reason: "\(error)")
            }
            if Task.isCancelled { return }
            if wasConnected {
                self.logger.info("lost connection, reconnecting", metadata: ["err": "\(self.lastFailure ?? "")"])
                wasConnected = false
            }
            try? await Task.sleep(for: backoff.next())
        }
    }

    private func connectAndServe(onConnected: () -> Void) async throws {
        let maximumFrameSize = self.configuration.maximumFrameSize
        let channel = try await ClientBootstrap(group: self.eventLoopGroup)
            .connect(unixDomainSocketPath: self.configuration.socketPath) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(WireFrameDecoder(maximumFrameSize: maximumFrameSize)),
                        MessageToByteHandler(WireFrameEncoder(maximumFrameSize: maximumFrameSize))
                    )
                    return try NIOAsyncChannel<WireFrame, WireFrame>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var hello = WireHello()
            hello.protocolVersion = WireProtocol.version
            hello.role = self.configuration.role
            hello.instance = self.configuration.instance
            hello.pid = getpid()
            try await outbound.write(WireFrame(.hello(hello)))
            var frames = inbound.makeAsyncIterator()
            guard let first = try await frames.next() else {
                throw WireClientError.connectionLost("closed during the handshake")
            }
            guard case .helloReply(let reply) = first.kind else {
                throw WireProtocolError.expectedHello(got: first.kindName)
            }
            guard reply.refusal.isEmpty else {
                throw WireProtocolError.refused(reply.refusal)
            }
            guard reply.protocolVersion == WireProtocol.version else {
                throw WireProtocolError.versionMismatch(local: WireProtocol.version, remote: reply.protocolVersion)
            }
            self.attach(Link(outbound: outbound, reply: reply, generation: self.generation + 1))
            onConnected()
            while let frame = try await frames.next() {
                self.deliver(frame)
            }
        }
    }

    private func attach(_ link: Link) {
        self.generation = link.generation
        self.link = link
        self.lastFailure = nil
        for waiter in self.linkWaiters.values {
            waiter.resume()
        }
        self.linkWaiters.removeAll()
        for id in self.subscriptions.keys {
            Task { await self.openSubscription(id) }
        }
    }

    private func detach(reason: String) {
        self.link = nil
        self.lastFailure = reason
        self.serverSubscriptions.removeAll()
        self.subscribing.removeAll()
        for (id, request) in self.pending where request.generation <= self.generation {
            self.finish(id, with: .failure(.connectionLost(reason)))
        }
    }

    private func stop() {
        self.stopped = true
        self.detach(reason: "client stopped")
        for waiter in self.linkWaiters.values {
            waiter.resume()
        }
        self.linkWaiters.removeAll()
        for subscription in self.subscriptions.values {
            subscription.continuation.finish()
        }
        self.subscriptions.removeAll()
    }

    /// The current link, waiting for one until `deadline`.
    private func currentLink(until deadline: ContinuousClock.Instant) async throws -> Link {
        while true {
            if let link = self.link { return link }
            if self.stopped { throw WireClientError.stopped }
            if Task.isCancelled { throw WireClientError.cancelled }
            guard ContinuousClock.now < deadline else {
                throw WireClientError.notConnected(self.lastFailure ?? "no connection to \(self.configuration.socketPath) yet")
            }
            let waiterID = self.nextWaiterID
            self.nextWaiterID += 1
            // Wake up on connect, or at the deadline to report the failure.
            let timer = Task {
                try? await Task.sleep(until: deadline)
                self.wakeWaiter(waiterID)
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    self.linkWaiters[waiterID] = continuation
                }
            } onCancel: {
                Task { await self.wakeWaiter(waiterID) }
            }
            timer.cancel()
        }
    }

    private func wakeWaiter(_ id: Int) {
        self.linkWaiters.removeValue(forKey: id)?.resume()
    }

    // MARK: - Requests and events

    private func deliver(_ frame: WireFrame) {
        switch frame.kind {
        case .response(let response):
            if let subscriptionID = self.subscribing.removeValue(forKey: response.id) {
                self.subscriptionOpened(subscriptionID, answer: response.body)
            }
            self.finish(response.id, with: .success(response.body ?? .failure(.internal, "empty response")))
        case .event(let event):
            guard let id = self.serverSubscriptions[event.subscriptionID], var subscription = self.subscriptions[id] else {
                return
            }
            subscription.position = event.position
            self.subscriptions[id] = subscription
            subscription.continuation.yield(.event(event))
        default:
            self.logger.debug("ignoring unexpected frame", metadata: ["kind": "\(frame.kindName)"])
        }
    }

    private func finish(_ id: UInt64, with result: Result<WireResponse.OneOf_Body, WireClientError>) {
        guard let request = self.pending[id] else { return }
        switch request.state {
        case .writing:
            self.pending[id]?.state = .finished(result)
        case .waiting(let continuation):
            self.pending[id] = nil
            continuation.resume(with: result.mapError { $0 as any Error })
        case .finished:
            break
        }
    }

    /// Fails requests whose deadline passed. One sweeper for all requests instead of a timer each: it sleeps
    /// until the earliest deadline (woken when a request with an earlier one is sent), so an idle client
    /// does not wake at all.
    private func expireOverdueRequests() async {
        while !Task.isCancelled {
            let now = ContinuousClock.now
            for (id, request) in self.pending where request.deadline <= now {
                self.finish(id, with: .failure(.timedOut))
            }
            let next = self.pending.values.map(\.deadline).min() ?? now + .seconds(3600)
            self.plannedSweep = next
            await self.sweepSignal.wait(until: next)
        }
    }

    private func openSubscription(_ id: Int) async {
        guard let subscription = self.subscriptions[id], self.link != nil,
            !self.subscribing.values.contains(id), !self.serverSubscriptions.values.contains(id)
        else { return }
        var subscribe = WireSubscribe()
        subscribe.topic = subscription.topic
        if let position = subscription.position {
            subscribe.resumeFrom = position
        }
        do {
            _ = try await self.request(.subscribe(subscribe), timeout: nil, opening: id)
        } catch WireClientError.failed(let code, let message) {
            self.subscriptions.removeValue(forKey: id)?.continuation.finish(throwing: WireClientError.failed(code, message))
        } catch {
            // The connection dropped; the subscription is re-opened on the next connection.
        }
    }

    private func subscriptionOpened(_ id: Int, answer: WireResponse.OneOf_Body?) {
        guard case .subscribed(let subscribed) = answer, var subscription = self.subscriptions[id] else { return }
        self.serverSubscriptions[subscribed.subscriptionID] = id
        subscription.position = subscribed.position
        self.subscriptions[id] = subscription
        if subscribed.resync {
            subscription.continuation.yield(.resync(subscribed.position))
        }
    }

    private func closeSubscription(_ id: Int) async {
        guard self.subscriptions.removeValue(forKey: id) != nil else { return }
        guard let serverID = self.serverSubscriptions.first(where: { $0.value == id })?.key else { return }
        self.serverSubscriptions.removeValue(forKey: serverID)
        var unsubscribe = WireUnsubscribe()
        unsubscribe.subscriptionID = serverID
        _ = try? await self.request(.unsubscribe(unsubscribe), timeout: .seconds(1))
    }
}

/// What a subscriber receives.
public enum WireSubscriptionUpdate: Sendable, Equatable {
    /// Drop everything held for this topic: the events that follow rebuild the full state, which is
    /// current as of the given position.
    case resync(WireStreamPosition)
    /// One change.
    case event(WireEvent)
}
