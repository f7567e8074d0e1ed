import Hummingbird
import NIOCore

/// `POST /-/reload`, as Alertmanager serves it: 200 with an empty body when the configuration reloaded,
/// 500 with `failed to reload config: <error>` when it did not (the previous one stays in force), and
/// 405 for any other method.
public struct ReloadEndpoint: Sendable {
    /// Reloads the configuration; returns the error text when it failed.
    public typealias Reload = @Sendable () async -> String?

    let reload: Reload

    public init(reload: @escaping Reload) {
        self.reload = reload
    }

    public func register<Context: RequestContext>(on router: Router<Context>, prefix: String = "") {
        let path = RouterPath("\(prefix)/-/reload")
        router.post(path) { _, _ in
            guard let error = await self.reload() else {
                return Response(status: .ok)
            }
            return Self.text(.internalServerError, "failed to reload config: \(error)\n")
        }
        for method in [HTTPRequest.Method.get, .put, .delete, .patch, .head] {
            router.on(path, method: method) { _, _ in
                var response = Self.text(.methodNotAllowed, "Method Not Allowed\n")
                response.headers[.allow] = "OPTIONS, POST"
                return response
            }
        }
    }

    private static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8", .xContentTypeOptions: "nosniff"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }
}
