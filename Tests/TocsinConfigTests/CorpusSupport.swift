import Foundation
import TestSupport

/// The config corpus shipped with the tests: `valid-*.yml` must load, `invalid-*.yml` must not, in both
/// Tocsin and real Alertmanager 0.25; `tocsin-valid-*`/`tocsin-invalid-*` cover msteams (0.26), which
/// 0.25 does not know, so they are left out of the comparison with amtool.
enum Corpus {
    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Corpus")
    }

    static func files(prefix: String = "") -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yml") && $0.hasPrefix(prefix) }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Whether the file is expected to load, from its name.
    static func expectsValid(_ file: URL) -> Bool {
        let name = file.lastPathComponent
        return name.hasPrefix("valid-") || name.hasPrefix("tocsin-valid-")
    }
}

/// Runs a real program with a bounded wait; used to ask real amtool / Alertmanager for the expected answer.
enum Oracle {
    static func find(_ name: String) -> String? {
        for directory in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let path = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    struct Output {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs `path` with `arguments` off the cooperative pool, killing it after `timeout`.
    static func run(_ path: String, _ arguments: [String], timeout: Duration = .seconds(60)) async throws -> Output {
        let result = try await TestCommand.run(path, arguments, timeout: timeout)
        return Output(stdout: result.standardOutput, stderr: result.standardError, status: result.status)
    }
}
