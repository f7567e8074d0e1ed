/// Small constructors and names that keep protocol code readable.
extension WireFrame {
    /// A frame carrying `kind`.
    public init(_ kind: WireFrame.OneOf_Kind) {
        self.init()
        self.kind = kind
    }

    /// The kind of frame, for error messages.
    public var kindName: String {
        switch self.kind {
        case .hello: return "hello"
        case .helloReply: return "hello reply"
        case .request(let request): return "request (\(request.body?.kindName ?? "empty"))"
        case .response: return "response"
        case .event: return "event"
        case .none: return "empty frame"
        }
    }
}

extension WireRequest {
    public init(id: UInt64, body: WireRequest.OneOf_Body) {
        self.init()
        self.id = id
        self.body = body
    }
}

extension WireResponse {
    public init(id: UInt64, body: WireResponse.OneOf_Body) {
        self.init()
        self.id = id
        self.body = body
    }
}

extension WireRequest.OneOf_Body {
    /// The request's kind, for error messages ("ping", "subscribe", ...).
    public var kindName: String {
        switch self {
        case .ping: return "ping"
        case .readiness: return "readiness"
        case .subscribe: return "subscribe"
        case .unsubscribe: return "unsubscribe"
        case .metrics: return "metrics"
        case .state(let state):
            switch state.body {
            case .setSilence: return "state/set-silence"
            case .expireSilence: return "state/expire-silence"
            case .querySilences: return "state/query-silences"
            case .logNotification: return "state/log-notification"
            case .queryNotification: return "state/query-notification"
            case .putAlerts: return "state/put-alerts"
            case .removeAlerts: return "state/remove-alerts"
            case .listAlerts: return "state/list-alerts"
            case .exportState: return "state/export-state"
            case .mergeState: return "state/merge-state"
            case .none: return "state/empty"
            }
        case .notifier(let notifier):
            switch notifier.body {
            case .deliver: return "notifier/deliver"
            case .none: return "notifier/empty"
            }
        case .cluster(let cluster):
            switch cluster.body {
            case .status: return "cluster/status"
            case .none: return "cluster/empty"
            }
        }
    }
}

extension WireReadiness {
    /// Readiness with what is still awaited; ready when nothing is.
    public init(waitingFor: [String]) {
        self.init()
        self.ready = waitingFor.isEmpty
        self.waitingFor = waitingFor
    }
}
