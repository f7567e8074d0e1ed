import Foundation

/// `tocsin check-config FILE...`, printing what `amtool check-config` prints and exiting as it does:
/// per file `Checking 'F'  SUCCESS` with a summary or `  FAILED: <error>`, then exit 1 and
/// `failed to validate N file(s)` on standard error if any failed.
public struct CheckConfigCommand: Sendable {
    /// Validates the template globs of a loaded config; returns an error text or nil.
    public var templateCheck: @Sendable ([String]) -> String?

    /// Checks the template fields of a loaded config's receivers; returns one error text per failing field
    /// (empty when all render). Alertmanager does not do this (its #5322): a bad template only fails at
    /// send time.
    public var receiverCheck: @Sendable (AlertmanagerConfig) -> [String]

    /// A command that checks templates with `check` (by default: globs expand and files are readable) and
    /// receivers with `receiverCheck` (by default: nothing).
    public init(
        templateCheck: @escaping @Sendable ([String]) -> String? = TemplateFileCheck.check,
        receiverCheck: @escaping @Sendable (AlertmanagerConfig) -> [String] = { _ in [] }
    ) {
        self.templateCheck = templateCheck
        self.receiverCheck = receiverCheck
    }

    /// Checks each file in turn.
    public func run(files: [String]) -> CommandResult {
        for file in files where !FileManager.default.fileExists(atPath: file) {
            return CommandResult(output: "", errorOutput: "amtool: error: path '\(file)' does not exist\n", exitCode: 1)
        }
        if files.isEmpty {
            return CommandResult(output: "", errorOutput: "amtool: error: Failed to read from standard input\n", exitCode: 1)
        }
        var output = ""
        var failed = 0
        for file in files {
            output += "Checking '\(file)'"
            do {
                let config = try AlertmanagerConfig.load(file: file)
                output += "  SUCCESS\n"
                output += "Found:\n - global config\n - route\n"
                output += " - \(config.inhibitRules.count) inhibit rules\n"
                output += " - \(config.receivers.count) receivers\n"
                output += " - \(config.templates.count) templates\n"
                var templatesFailed = false
                if !config.templates.isEmpty {
                    if let error = templateCheck(config.templates) {
                        output += "  FAILED: \(error)\n"
                        templatesFailed = true
                    } else {
                        output += "  SUCCESS\n"
                    }
                }
                // Rendering needs the template files, so a file error is reported alone.
                let fieldErrors = templatesFailed ? [] : receiverCheck(config)
                for error in fieldErrors {
                    output += "  FAILED: \(error)\n"
                }
                if templatesFailed || !fieldErrors.isEmpty { failed += 1 }
            } catch {
                output += "  FAILED: \(error.description)\n"
                failed += 1
            }
            output += "\n"
        }
        if failed > 0 {
            return CommandResult(output: output, errorOutput: "amtool: error: failed to validate \(failed) file(s)\n\n", exitCode: 1)
        }
        return CommandResult(output: output, exitCode: 0)
    }
}
