import Hummingbird
import NIOCore

/// An API v2 error response in one of the shapes Alertmanager 0.25 produces: a handler error (the message as
/// a JSON string and a newline) or a go-swagger error (`{"code":…,"message":…}`).
struct APIError: Error, Sendable, Equatable {
    let status: HTTPResponse.Status
    let body: String

    /// A handler error: `"message"\n`.
    static func handler(_ status: HTTPResponse.Status, _ message: String) -> APIError {
        APIError(status: status, body: GoJSON.string(message) + "\n")
    }

    /// A go-swagger error: `{"code":code,"message":"…"}` (no trailing newline, as go-openapi writes it).
    static func swagger(_ status: HTTPResponse.Status, code: Int, _ message: String) -> APIError {
        APIError(status: status, body: GoJSON.object([("code", String(code)), ("message", GoJSON.string(message))]))
    }

    var response: Response { APIResponse.json(status, body) }
}

/// Builds JSON responses with Alertmanager's headers.
enum APIResponse {
    /// A JSON response whose body was written into a `JSONBuffer`.
    static func json(_ status: HTTPResponse.Status, _ body: JSONBuffer) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.bytes))
        )
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }
}
