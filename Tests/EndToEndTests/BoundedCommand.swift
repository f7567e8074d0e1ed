import Foundation
import TestSupport

/// Runs a short command to completion with a deadline, for the tests' helpers (`--help`, `python3`, `amtool`).
///
/// The command runs through ``TestCommand``: off the cooperative pool, its output in files rather than pipes,
/// and killed at the deadline, so no test hangs on it.
enum BoundedCommand {
    /// What the command printed (stdout then stderr) and how it ended.
    struct Result: Sendable {
        var status: Int32
        var output: String
    }

    static func run(_ executable: URL, _ arguments: [String], timeout: Duration = .seconds(60)) async throws -> Result {
        let result = try await TestCommand.run(executable.path, arguments, timeout: timeout)
        return Result(status: result.status, output: result.output)
    }
}
