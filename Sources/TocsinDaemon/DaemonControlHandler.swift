import TocsinWire

/// The requests every daemon answers: ping (liveness) and readiness.
public struct DaemonControlHandler: WireRequestHandler {
    public let readiness: ReadinessState

    public init(readiness: ReadinessState) {
        self.readiness = readiness
    }

    public func handle(_ request: WireRequest.OneOf_Body, from peer: WirePeer) async -> WireResponse.OneOf_Body? {
        switch request {
        case .ping(let ping):
            var pong = WirePong()
            pong.payload = ping.payload
            return .pong(pong)
        case .readiness:
            return .readiness(self.readiness.current)
        default:
            return nil
        }
    }
}
