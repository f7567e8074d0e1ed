/// The final response of an HTTP transfer (after any redirects that were followed).
public struct HTTPResponse: Sendable, Hashable {
    /// The status code of the last response received.
    public var status: Int
    /// The header fields of the last response only; headers of redirect responses are dropped.
    public var headers: HTTPHeaders
    /// The body, at most ``HTTPRequest/maximumResponseBodySize`` bytes.
    public var body: [UInt8]
    /// True when the server sent more than the cap and the transfer was stopped there.
    public var bodyWasTruncated: Bool
    /// The URL that produced this response, which differs from the request's after a redirect.
    public var url: String

    /// Makes a response value (the client builds these; tests and fakes may too).
    public init(status: Int, headers: HTTPHeaders, body: [UInt8], bodyWasTruncated: Bool, url: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.bodyWasTruncated = bodyWasTruncated
        self.url = url
    }

    /// The body decoded as UTF-8, invalid sequences repaired.
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }
}
