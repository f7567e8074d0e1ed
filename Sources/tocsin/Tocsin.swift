import ArgumentParser
import TocsinDaemon

/// `tocsin`: runs a Tocsin node from Alertmanager's own flags, and hosts the offline commands.
@main
struct Tocsin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tocsin",
        abstract: "A drop-in Prometheus Alertmanager made of cooperating processes.",
        discussion: "Without a subcommand, runs the node (`tocsin run`) with Alertmanager's flags.",
        version: RunCommand.versionText,
        subcommands: [RunCommand.self, CheckConfigCommand.self, RoutesCommand.self, TemplateCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// Reads `--flag=` as an empty value, as Alertmanager's kingpin flags do.
    static func main() async {
        await Self.mainWithKingpinArguments()
    }
}
