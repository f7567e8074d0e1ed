import ArgumentParser
import Notify
import TocsinConfig
import TocsinDaemon

#if canImport(Glibc)
    import Glibc
#endif

/// `tocsin check-config FILE...`: validates configuration files offline, printing what
/// `amtool check-config` prints, with its exit codes; it also test-renders every receiver's templates.
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate alertmanager config files (like amtool check-config)."
    )

    @Argument(help: "The configuration files to check.")
    var files: [String] = []

    func run() async throws {
        try TocsinConfig.CheckConfigCommand(receiverCheck: { TemplateFieldCheck.check($0) }).run(files: self.files).emit()
    }
}

/// `tocsin routes [show|test]`: the routing tree of a local configuration, like `amtool config routes`.
struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Show or test the routing tree of a configuration file (like amtool config routes).",
        subcommands: [Show.self, Test.self],
        defaultSubcommand: Show.self
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the routing tree.")

        @Option(name: .customLong("config.file"), help: "Config file to read.")
        var configFile = "alertmanager.yml"

        func run() async throws {
            try TocsinConfig.RoutesCommand.show(configFile: self.configFile).emit()
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Print the receivers an alert with the given labels is routed to."
        )

        @Option(name: .customLong("config.file"), help: "Config file to read.")
        var configFile = "alertmanager.yml"

        @Option(
            name: .customLong("verify.receivers"), help: "Checks that the receivers are exactly these (comma-separated); exits 1 otherwise."
        )
        var verifyReceivers: String?

        @Flag(name: .customLong("tree"), help: "Show the routing tree that the alert takes.")
        var tree = false

        @Argument(help: "Labels of the alert, as name=value.")
        var labels: [String] = []

        func run() async throws {
            try TocsinConfig.RoutesCommand.test(
                configFile: self.configFile,
                labels: self.labels,
                verifyReceivers: self.verifyReceivers,
                tree: self.tree
            ).emit()
        }
    }
}

extension CommandResult {
    /// Prints the command's output and ends with its exit code.
    func emit() throws {
        if !self.output.isEmpty {
            print(self.output, terminator: "")
        }
        if !self.errorOutput.isEmpty {
            var bytes = Array(self.errorOutput.utf8)
            _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        if self.exitCode != 0 {
            throw ExitCode(self.exitCode)
        }
    }
}
