#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Serves a process's Unix-domain socket: accepts connections, checks who connects, runs the hello,
/// answers requests concurrently and streams topic events.
///
/// Faults stay local to their connection: an oversized or undecodable frame, a bad hello or a peer of
/// another user closes that connection with a log line naming the peer, and the server goes on serving
/// everyone else. As a `Service`, it stops accepting on graceful shutdown, closes its connections and
/// removes its socket file.
public final class WireServer: Service, Sendable {
    /// Where and as what this server listens.
    public struct Configuration: Sendable {
        public var socketPath: String
        /// The role and instance this process announces in its hello reply.
        public var role: WireRole
        public var instance: String
        public var maximumFrameSize: Int

        public init(
            socketPath: String,
            role: WireRole,
            instance: String = "",
            maximumFrameSize: Int = WireProtocol.defaultMaximumFrameSize
        ) {
            self.socketPath = socketPath
            self.role = role
            self.instance = instance
            self.maximumFrameSize = maximumFrameSize
        }
    }

    public let configuration: Configuration
    private let handlers: [any WireRequestHandler]
    private let topics: [String: any WireTopic]
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let onListening: @Sendable () async -> Void

    /// - Parameters:
    ///   - handlers: asked in order for each request.
    ///   - topics: the change streams clients may subscribe to, by name.
    ///   - onListening: called once the socket accepts connections (the daemon's readiness hook).
    public init(
        configuration: Configuration,
        handlers: [any WireRequestHandler],
        topics: [any WireTopic] = [],
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        onListening: @escaping @Sendable () async -> Void = {}
    ) {
        self.configuration = configuration
        self.handlers = handlers
        self.topics = Dictionary(topics.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.onListening = onListening
    }

    /// An accepted connection, queued until the accept loop hands it to ``serve(_:)``.
    ///
    /// It is queued as a plain channel that does not read yet, and wrapped in an `NIOAsyncChannel` only when
    /// served: on shutdown the accept loop stops with connections possibly still queued, and NIO traps when an
    /// `NIOAsyncChannel` is released without its writer finished ("Deinited NIOAsyncWriter without calling
    /// finish()", seen when a daemon was stopped while a client was connecting). One released unserved is
    /// closed.
    private final class Connection: Sendable {
        let channel: any Channel
        let credentials: PeerCredentials?

        init(channel: any Channel, credentials: PeerCredentials?) {
            self.channel = channel
            self.credentials = credentials
        }

        deinit {
            self.channel.close(promise: nil)
        }

        /// Wraps the channel for `executeThenClose` and starts reading (nothing was read before, so
        /// nothing the peer sent can have been dropped).
        func open() async throws -> NIOAsyncChannel<WireFrame, WireFrame> {
            let channel = self.channel
            return try await channel.eventLoop.submit {
                let wrapped = try NIOAsyncChannel<WireFrame, WireFrame>(wrappingChannelSynchronously: channel)
                try channel.syncOptions?.setOption(ChannelOptions.autoRead, value: true)
                return wrapped
            }.get()
        }
    }

    public func run() async throws {
        let path = self.configuration.socketPath
        let maximumFrameSize = self.configuration.maximumFrameSize
        let logger = self.logger
        let ownUID = geteuid()
        let server = try await ServerBootstrap(group: self.eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { channel in
                PeerCredentials.of(channel).flatMapThrowing { credentials -> Connection in
                    if let credentials, credentials.uid != ownUID {
                        logger.warning(
                            "refusing connection",
                            metadata: [
                                "peer": "\(credentials)",
                                "err": "\(WireProtocolError.foreignPeer(uid: credentials.uid, expected: ownUID))",
                            ]
                        )
                        // A failed initializer does not close the channel by itself.
                        channel.close(promise: nil)
                        throw WireProtocolError.foreignPeer(uid: credentials.uid, expected: ownUID)
                    }
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(WireFrameDecoder(maximumFrameSize: maximumFrameSize)),
                        MessageToByteHandler(WireFrameEncoder(maximumFrameSize: maximumFrameSize))
                    )
                    // Read nothing until the connection is served (see Connection).
                    try channel.syncOptions?.setOption(ChannelOptions.autoRead, value: false)
                    return Connection(channel: channel, credentials: credentials)
                }
            }
        defer { unlink(path) }
        try SocketDirectory.restrictSocket(at: path)
        self.logger.debug("listening", metadata: ["socket": "\(path)"])
        await self.onListening()

        // On graceful shutdown the accept loop and every connection are cancelled: clients keep their
        // connections open indefinitely, so waiting for them to leave would never end.
        do {
            try await self.acceptConnections(on: server)
        } catch is CancellationError {
            self.logger.debug("stopped listening", metadata: ["socket": "\(path)"])
        }
    }

    private func acceptConnections(on server: NIOAsyncChannel<Connection, Never>) async throws {
        try await cancelWhenGracefulShutdown {
            try await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        }
    }

    /// Runs one connection from hello to close. Never throws: whatever goes wrong ends this connection only.
    private func serve(_ connection: Connection) async {
        let channel = connection.channel
        var peer = WirePeer(credentials: connection.credentials, role: .unspecified, instance: "", pid: 0)
        // Drop peers that connect and say nothing.
        let helloDeadline = channel.eventLoop.scheduleTask(in: .init(WireProtocol.helloTimeout)) {
            channel.close(promise: nil)
        }
        do {
            let opened = try await connection.open()
            try await opened.executeThenClose { inbound, outbound in
                var frames = inbound.makeAsyncIterator()
                guard let first = try await frames.next() else { return }
                helloDeadline.cancel()
                guard case .hello(let hello) = first.kind else {
                    throw WireProtocolError.expectedHello(got: first.kindName)
                }
                peer.role = hello.role
                peer.instance = hello.instance
                peer.pid = hello.pid
                var reply = WireHelloReply()
                reply.protocolVersion = WireProtocol.version
                reply.role = self.configuration.role
                reply.instance = self.configuration.instance
                reply.pid = getpid()
                guard hello.protocolVersion == WireProtocol.version else {
                    let error = WireProtocolError.versionMismatch(local: WireProtocol.version, remote: hello.protocolVersion)
                    reply.refusal = error.description
                    try await outbound.write(WireFrame(.helloReply(reply)))
                    throw error
                }
                try await outbound.write(WireFrame(.helloReply(reply)))
                self.logger.debug("connection opened", metadata: ["peer": "\(peer)"])
                try await self.serveRequests(from: peer, frames: &frames, outbound: outbound)
            }
            self.logger.debug("connection closed", metadata: ["peer": "\(peer)"])
        } catch is CancellationError {
            helloDeadline.cancel()
            self.logger.debug("connection closed on shutdown", metadata: ["peer": "\(peer)"])
        } catch {
            helloDeadline.cancel()
            self.logger.warning("closing connection", metadata: ["peer": "\(peer)", "err": "\(error)"])
        }
    }

    private func serveRequests(
        from peer: WirePeer,
        frames: inout NIOAsyncChannelInboundStream<WireFrame>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<WireFrame>
    ) async throws {
        let subscriptions = SubscriptionTable()
        defer { subscriptions.cancelAll() }
        try await withThrowingDiscardingTaskGroup { group in
            while let frame = try await frames.next() {
                guard case .request(let request) = frame.kind else {
                    throw WireProtocolError.expectedHello(got: "\(frame.kindName) after the handshake")
                }
                switch request.body {
                case .subscribe(let subscribe):
                    // Answered inline so that the reply is written before any of the subscription's events.
                    try await self.openSubscription(subscribe, id: request.id, peer: peer, table: subscriptions, outbound: outbound)
                case .unsubscribe(let unsubscribe):
                    subscriptions.cancel(unsubscribe.subscriptionID)
                    try await outbound.write(WireFrame(.response(WireResponse(id: request.id, body: .unsubscribed(WireUnsubscribed())))))
                case .some(let body):
                    group.addTask {
                        let answer = await self.answer(body, from: peer)
                        try await outbound.write(WireFrame(.response(WireResponse(id: request.id, body: answer))))
                    }
                case .none:
                    try await outbound.write(
                        WireFrame(.response(WireResponse(id: request.id, body: .failure(.invalid, "request has no body"))))
                    )
                }
            }
            subscriptions.cancelAll()
        }
    }

    private func answer(_ body: WireRequest.OneOf_Body, from peer: WirePeer) async -> WireResponse.OneOf_Body {
        for handler in self.handlers {
            if let answer = await handler.handle(body, from: peer) {
                return answer
            }
        }
        return .failure(.unsupported, "\(self.configuration.role.name) does not serve \(body.kindName) requests")
    }

    private func openSubscription(
        _ subscribe: WireSubscribe,
        id requestID: UInt64,
        peer: WirePeer,
        table: SubscriptionTable,
        outbound: NIOAsyncChannelOutboundWriter<WireFrame>
    ) async throws {
        guard let topic = self.topics[subscribe.topic] else {
            let failure = WireResponse.OneOf_Body.failure(.notFound, "no topic named \"\(subscribe.topic)\"")
            try await outbound.write(WireFrame(.response(WireResponse(id: requestID, body: failure))))
            return
        }
        let subscription = await topic.subscribe(resumingFrom: subscribe.hasResumeFrom ? subscribe.resumeFrom : nil)
        let subscriptionID = table.nextID()
        var subscribed = WireSubscribed()
        subscribed.subscriptionID = subscriptionID
        subscribed.position = subscription.position
        subscribed.resync = subscription.resync
        try await outbound.write(WireFrame(.response(WireResponse(id: requestID, body: .subscribed(subscribed)))))
        let logger = self.logger
        let forwarder = Task {
            for await event in subscription.events {
                var frame = WireEvent()
                frame.subscriptionID = subscriptionID
                frame.position = event.position
                frame.body = event.body
                do {
                    try await outbound.write(WireFrame(.event(frame)))
                } catch {
                    logger.debug("subscription ended", metadata: ["peer": "\(peer)", "topic": "\(subscribe.topic)"])
                    return
                }
            }
        }
        table.insert(subscriptionID, forwarder)
    }
}

/// The forwarding tasks of one connection's subscriptions, so they can be cancelled one by one or all at once.
private final class SubscriptionTable: Sendable {
    private let state = Mutex<(next: UInt64, tasks: [UInt64: Task<Void, Never>])>((1, [:]))

    func nextID() -> UInt64 {
        self.state.withLock { state in
            defer { state.next += 1 }
            return state.next
        }
    }

    func insert(_ id: UInt64, _ task: Task<Void, Never>) {
        self.state.withLock { $0.tasks[id] = task }
    }

    func cancel(_ id: UInt64) {
        self.state.withLock { $0.tasks.removeValue(forKey: id) }?.cancel()
    }

    func cancelAll() {
        let tasks = self.state.withLock { state in
            defer { state.tasks.removeAll() }
            return Array(state.tasks.values)
        }
        tasks.forEach { $0.cancel() }
    }
}
