import Foundation

/// Where the end-to-end tests find the repository's `deploy/` files and the tools the deploy files run.
///
/// The repository derives from this file's own path (`<repo>/Tests/EndToEndTests/`), so the tests work
/// from any working directory. The built daemons are found by ``BuiltExecutables``.
enum DeployPaths {
    /// The repository root.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `deploy/` in the repository.
    static let deploy: URL = repository.appendingPathComponent("deploy")

    /// The four daemons, in start order.
    static let daemons = ["tocsin-state", "tocsin-gossip", "tocsin-dispatcher", "tocsin-notifier"]

    /// The first executable called `name` on `PATH` (or in the usual system directories).
    static func executableOnPath(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin"]
        return directories.lazy
            .map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
