/// Serves the requests of one kind of daemon. A server holds a list of them and asks each in turn.
public protocol WireRequestHandler: Sendable {
    /// Answers `request`, or returns nil when this handler does not serve that kind of request (the next
    /// handler is asked; if none serves it the client gets a `unsupported` failure).
    func handle(_ request: WireRequest.OneOf_Body, from peer: WirePeer) async -> WireResponse.OneOf_Body?
}

extension WireResponse.OneOf_Body {
    /// A failure answer with its code and a message for the caller's logs.
    public static func failure(_ code: WireFailure.Code, _ message: String) -> Self {
        var failure = WireFailure()
        failure.code = code
        failure.message = message
        return .failure(failure)
    }
}
