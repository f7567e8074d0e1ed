import ArgumentParser

/// Adapts command lines written for Alertmanager (Go's kingpin) to swift-argument-parser.
///
/// kingpin accepts `--flag=` for an empty value, and operators rely on it: `--cluster.listen-address=`
/// is how HA mode is turned off. swift-argument-parser reads `--flag=` as a missing value, so the empty
/// value is passed as a separate argument instead, which it accepts.
public enum KingpinArguments {
    /// The process arguments (without the executable) with `--flag=` rewritten to `--flag ""`.
    public static func normalized(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> [String] {
        arguments.flatMap { argument -> [String] in
            guard argument.hasPrefix("--"), argument.hasSuffix("="), argument.count > 3,
                argument.firstIndex(of: "=") == argument.index(before: argument.endIndex)
            else { return [argument] }
            return [String(argument.dropLast()), ""]
        }
    }
}

extension AsyncParsableCommand {
    /// Runs the command on a kingpin-compatible reading of the process arguments.
    public static func mainWithKingpinArguments() async {
        await Self.main(KingpinArguments.normalized())
    }
}
