/// One HTTP request to deliver: everything that varies per notification.
///
/// Connection behaviour that belongs to a receiver's `http_config` (authentication, TLS, proxy,
/// redirects) lives in ``TransportOptions`` instead, so one options value serves every request of
/// a receiver.
public struct HTTPRequest: Sendable, Hashable {
    /// The request method, sent as given (`GET`, `POST`, `PUT`, ...).
    public var method: String
    /// The absolute URL, `http` or `https`.
    public var url: String
    /// Header fields sent in this order. A caller's `Authorization` field wins over the one
    /// ``TransportOptions/authorization`` would add.
    public var headers: HTTPHeaders
    /// The request body; an empty body sends no `Content-Length` for methods that take none.
    public var body: [UInt8]
    /// The whole transfer (connect, send, receive) must finish within this time; nil waits forever,
    /// as Alertmanager's client does when the notification context carries no deadline.
    public var timeout: Duration?
    /// The largest response body kept; a longer body is cut there and the transfer stopped, so a
    /// misbehaving endpoint cannot make the notifier buffer without bound.
    public var maximumResponseBodySize: Int

    /// Makes a request. The default body cap (1 MiB) is far above what any notification API answers.
    public init(
        method: String = "GET",
        url: String,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        timeout: Duration? = nil,
        maximumResponseBodySize: Int = 1 << 20
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maximumResponseBodySize = maximumResponseBodySize
    }
}
