import Foundation

/// Runs a short command to completion with a deadline, for the tests' helpers (`--help`, `python3`).
///
/// Output goes to a temporary file rather than a pipe, so a chatty child cannot block on a full pipe
/// while we wait; a child still running at the deadline is killed, so no test hangs on it.
enum BoundedCommand {
    /// What the command printed (stdout and stderr together) and how it ended.
    struct Result: Sendable {
        var status: Int32
        var output: String
    }

    static func run(_ executable: URL, _ arguments: [String], timeout: Duration = .seconds(20)) throws -> Result {
        let outputURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("tocsin-command-\(UUID().uuidString).out")
        guard FileManager.default.createFile(atPath: outputURL.path, contents: nil) else {
            throw BoundedCommandError.cannotCreateOutputFile(outputURL.path)
        }
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()

        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning && ContinuousClock.now < deadline {
            usleep(20_000)
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw BoundedCommandError.timedOut(executable.path, arguments)
        }
        process.waitUntilExit()
        let text = String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
        return Result(status: process.terminationStatus, output: text)
    }
}

/// Why ``BoundedCommand`` could not get a result.
enum BoundedCommandError: Error, CustomStringConvertible {
    case cannotCreateOutputFile(String)
    case timedOut(String, [String])

    var description: String {
        switch self {
        case .cannotCreateOutputFile(let path): return "cannot create \(path)"
        case .timedOut(let executable, let arguments):
            return "\(executable) \(arguments.joined(separator: " ")) did not finish in time and was killed"
        }
    }
}
