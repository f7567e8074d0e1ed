import Hummingbird
import NIOCore

/// `GET /` when a route prefix is set: a 302 to the prefix, with the body Go's `http.Redirect` writes, as
/// Alertmanager answers it (its UI lives under the prefix).
public struct RootRedirect: Sendable {
    let prefix: String

    public init(to prefix: String) {
        self.prefix = prefix
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        let prefix = self.prefix
        router.get("/") { _, _ in
            Response(
                status: .found,
                headers: [.location: prefix, .contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "<a href=\"\(prefix)\">Found</a>.\n\n")))
        }
    }
}
