import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import TocsinConfig

/// What `--web.config.file` asks of every request, as exporter-toolkit applies it: the file is read again
/// for each request (so users and headers change without a restart; TLS certificates need one), its headers
/// go on every response, and with `basic_auth_users` set every route needs HTTP Basic credentials of one of
/// them (401 `Unauthorized` with `WWW-Authenticate: Basic` otherwise). A file that no longer parses answers
/// 500 and is logged, as Alertmanager does.
public struct WebConfigMiddleware<Context: RequestContext>: RouterMiddleware {
    /// A hash no password matches, checked for unknown users too so the answer takes as long either way.
    static var decoyHash: String { "$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi" }

    let path: String
    let verifier: PasswordVerifier
    let cache: WebConfigFileCache
    let logger: Logger

    public init(path: String, logger: Logger) {
        self.path = path
        self.verifier = PasswordVerifier()
        self.cache = WebConfigFileCache(path: path)
        self.logger = logger
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let config: WebConfig
        do {
            config = try cache.current()
        } catch {
            logger.error("Unable to parse configuration", metadata: ["err": "\(error)"])
            return Self.plainText(.internalServerError, "Internal Server Error\n", headers: [:])
        }
        if !config.users.isEmpty {
            guard await authorized(request, users: config.users) else {
                var response = Self.plainText(.unauthorized, "Unauthorized\n", headers: config.headers)
                response.headers[.wwwAuthenticate] = "Basic"
                return response
            }
        }
        var response = try await next(request, context)
        for (name, value) in config.headers {
            response.headers.setField(name, value)
        }
        return response
    }

    private func authorized(_ request: Request, users: [String: String]) async -> Bool {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let credentials = String(data: decoded, encoding: .utf8), let colon = credentials.firstIndex(of: ":")
        else { return false }
        let user = String(credentials[..<colon])
        let password = String(credentials[credentials.index(after: colon)...])
        let hash = users[user]
        let matches = await verifier.matches(password: password, hash: hash ?? Self.decoyHash)
        return hash != nil && matches
    }

    static func plainText(_ status: HTTPResponse.Status, _ text: String, headers: [String: String]) -> Response {
        var response = Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8", .init("X-Content-Type-Options")!: "nosniff"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        for (name, value) in headers {
            response.headers.setField(name, value)
        }
        return response
    }
}

/// The parsed web config file, parsed again only when the file changed (size, modification time or inode),
/// so reading it "per request" costs a `stat`.
public final class WebConfigFileCache: Sendable {
    private struct Stamp: Equatable {
        var size: Int
        var modified: Date
        var inode: Int
    }

    let path: String
    private let state = Mutex<(stamp: Stamp, config: WebConfig)?>(nil)

    public init(path: String) {
        self.path = path
    }

    public func current() throws -> WebConfig {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let stamp = Stamp(
            size: (attributes[.size] as? NSNumber)?.intValue ?? -1,
            modified: attributes[.modificationDate] as? Date ?? .distantPast,
            inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? -1)
        if let cached = state.withLock({ $0 }), cached.stamp == stamp { return cached.config }
        let config = try WebConfig.load(file: path)
        state.withLock { $0 = (stamp, config) }
        return config
    }
}

extension HTTPFields {
    /// Sets a field named at run time (from a config file); a name that is not a valid field name is skipped.
    mutating func setField(_ name: String, _ value: String) {
        if let field = Element.Name(name) { self[field] = value }
    }
}
