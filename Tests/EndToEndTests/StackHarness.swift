#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Synchronization
import Supervisor

/// Where the built executables are: `TOCSIN_BIN_DIR`, or `<package>/.build/debug` next to this file.
enum BuiltExecutables {
    static var directory: String {
        if let override = ProcessInfo.processInfo.environment["TOCSIN_BIN_DIR"] { return override }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug").path
    }

    static func path(_ name: String) -> String { "\(directory)/\(name)" }
}

/// A temporary directory removed when the value is released.
final class ScratchDirectory: Sendable {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "tocsin-e2e-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else { throw POSIXError(.EIO) }
        self.path = String(cString: created)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: self.path)
    }
}

/// The next port to hand out: one counter for the whole test process, so two tests running in parallel
/// never get the same port.
private let nextTestPort = Mutex(20_000 + Int.random(in: 0..<6_000))

/// A TCP port free on 127.0.0.1 for a server a test starts.
///
/// Ports come from 20000-31999, below the kernel's ephemeral range (32768-60999): a port found by
/// binding to port 0 and releasing it can be handed out again to another test before the server binds
/// it (seen on CI: two nodes on one port), while these are handed out once per test process and never
/// picked by the kernel for bind-to-0 helpers or outgoing connections.
func freeLoopbackPort() throws -> Int {
    for _ in 0..<12_000 {
        let port = nextTestPort.withLock { next -> Int in
            defer { next = next >= 31_999 ? 20_000 : next + 1 }
            return next
        }
        if canBind(port: port) { return port }
    }
    throw POSIXError(.EADDRINUSE)
}

/// Whether 127.0.0.1:`port` can be bound right now (a server of another process may hold it).
private func canBind(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}

/// Answers the HTTP status of `GET path` on 127.0.0.1:port, or nil when nothing answers.
func httpStatus(port: Int, path: String) async -> Int? {
    await httpRequest(port: port, method: "GET", path: path)?.status
}

/// Sends one HTTP/1.1 request to 127.0.0.1:port and returns the status and body, or nil when nothing answers.
func httpRequest(
    port: Int,
    method: String,
    path: String,
    body: String = "",
    contentType: String? = nil
) async -> (status: Int, body: String)? {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(
                returning: blockingHTTPRequest(port: port, method: method, path: path, body: body, contentType: contentType)
            )
        }
    }
}

private func blockingHTTPRequest(
    port: Int,
    method: String,
    path: String,
    body: String,
    contentType: String?
) -> (status: Int, body: String)? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
    guard connected else { return nil }
    let request = Array(
        ("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + (contentType.map { "Content-Type: \($0)\r\n" } ?? "")
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8
    )
    guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { return nil }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { break }
        response.append(contentsOf: buffer[0..<count])
    }
    let text = String(decoding: response, as: UTF8.self)
    guard text.count >= 12, let status = Int(text.dropFirst(9).prefix(3)) else { return nil }
    let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
    return (status, body)
}

/// Polls `condition` every 50 ms until it holds or `limit` passes; returns whether it held.
func eventually(within limit: Duration, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}

/// The direct children of `pid`, by name (the executable's base name), from /proc.
func childProcesses(of pid: Int32) -> [String: Int32] {
    var children: [String: Int32] = [:]
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return children }
    for entry in entries {
        guard let childPID = Int32(entry),
            let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { continue }
        let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
        guard fields.count > 2, Int32(fields[1]) == pid, fields[0] != "Z" else { continue }
        // The stat name is cut at 15 characters; argv[0] has the whole executable path.
        guard let commandLine = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/cmdline")),
            let executable = commandLine.split(separator: 0).first
        else { continue }
        let name = String(decoding: executable, as: UTF8.self).split(separator: "/").last.map(String.init) ?? ""
        children[name] = childPID
    }
    return children
}

/// Whether a process with this pid still exists (and is not a zombie).
func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
        return false
    }
    return !stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
}

/// One `tocsin` node started for a test, on a free port with its own storage directory.
struct TocsinNode {
    let scratch: ScratchDirectory
    let port: Int
    let process: ChildProcess

    /// A valid configuration every test node starts with (tests may rewrite `configPath`).
    static let configuration = """
        route:
          receiver: default
          group_by: ['alertname']
        receivers:
          - name: default
            webhook_configs:
              - url: http://127.0.0.1:9/hook
        """

    var configPath: String { "\(self.scratch.path)/alertmanager.yml" }

    static func start(extraArguments: [String] = [], port: Int? = nil, configuration: String = TocsinNode.configuration) throws
        -> TocsinNode
    {
        let scratch = try ScratchDirectory()
        try configuration.write(toFile: "\(scratch.path)/alertmanager.yml", atomically: false, encoding: .utf8)
        let port = try port ?? freeLoopbackPort()
        let clusterPort = try freeLoopbackPort()
        let process = try ChildProcess.spawn(
            executable: BuiltExecutables.path("tocsin"),
            arguments: [
                "--config.file=\(scratch.path)/alertmanager.yml",
                "--storage.path=\(scratch.path)/data",
                "--web.listen-address=127.0.0.1:\(port)",
                "--cluster.listen-address=127.0.0.1:\(clusterPort)",
                // A lone node would wait Alertmanager's full settle (10 s) before its first notification;
                // tests about settling give their own value (a later flag wins).
                "--cluster.settle-timeout=2s",
            ] + extraArguments,
            environment: [:]
        )
        return TocsinNode(scratch: scratch, port: port, process: process)
    }

    var readyStatus: Int? {
        get async { await httpStatus(port: self.port, path: "/-/ready") }
    }

    func waitUntilReady(within limit: Duration = .seconds(30)) async -> Bool {
        await eventually(within: limit) { await self.readyStatus == 200 }
    }

    /// Runs `body` with a started node and stops the node for good afterwards, whatever `body` did.
    static func with<T>(
        extraArguments: [String] = [],
        port: Int? = nil,
        configuration: String = TocsinNode.configuration,
        _ body: (TocsinNode) async throws -> T
    ) async throws -> T {
        let node = try TocsinNode.start(extraArguments: extraArguments, port: port, configuration: configuration)
        do {
            let result = try await body(node)
            await node.kill()
            return result
        } catch {
            await node.kill()
            throw error
        }
    }

    /// Stops the node for good (used in cleanup, whatever state the test left it in).
    func kill() async {
        self.process.send(signal: SIGKILL)
        for (_, pid) in childProcesses(of: self.process.pid) {
            Glibc.kill(pid, SIGKILL)
        }
        _ = await self.process.waitForExit(orKillAfter: .seconds(60))
    }
}
