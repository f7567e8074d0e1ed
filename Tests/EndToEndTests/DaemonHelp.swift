import Foundation

/// The long flags a built daemon accepts, read from its `--help`.
///
/// Deploy files must pass only flags the daemons accept today: swift-argument-parser refuses an
/// unknown flag, so a unit with one would fail to start, and only at deploy time.
enum DaemonHelp {
    /// The flag names (without `--`) in `daemon --help`, e.g. `storage.path`, `web.listen-address`.
    static func flags(of daemon: String) async throws -> Set<String> {
        let result = try await BoundedCommand.run(URL(fileURLWithPath: BuiltExecutables.path(daemon)), ["--help"])
        guard result.status == 0 else {
            throw DaemonHelpError.helpFailed(daemon, result.status, result.output)
        }
        return flagNames(inHelp: result.output)
    }

    /// Every `--name` word of a help text (`[--storage.path <storage.path>]` gives `storage.path`).
    static func flagNames(inHelp text: String) -> Set<String> {
        let separators: Set<Character> = [" ", "\t", "\n", "[", "]", ",", "(", ")"]
        let words = text.split(whereSeparator: { separators.contains($0) })
        return Set(
            words.compactMap { word -> String? in
                guard word.hasPrefix("--"), word.count > 2 else { return nil }
                return String(word.dropFirst(2).prefix { $0 != "=" })
            }
        )
    }
}

/// A daemon whose `--help` did not work (not built, or broken).
enum DaemonHelpError: Error, CustomStringConvertible {
    case helpFailed(String, Int32, String)

    var description: String {
        switch self {
        case .helpFailed(let daemon, let status, let output):
            return "\(daemon) --help exited with \(status) (is it built? set TOCSIN_BIN_DIR): \(output)"
        }
    }
}
