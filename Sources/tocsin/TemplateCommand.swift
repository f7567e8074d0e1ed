import ArgumentParser
import Notify

/// `tocsin template render`: like `amtool template render`.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Render templates (like amtool template).",
        subcommands: [Render.self]
    )

    struct Render: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Render a given definition in a template file to standard output."
        )

        @Option(name: .customLong("template.glob"), help: "Glob of paths that will be expanded and used for rendering.")
        var globs: [String] = []

        @Option(name: .customLong("template.text"), help: "The template that will be rendered.")
        var text: String

        @Option(name: .customLong("template.type"), help: "The type of the template. Can be either text (default) or html.")
        var type: String?

        @Option(
            name: .customLong("template.data"),
            help: "A JSON file with the data (template.Data's layout) to render with; amtool's sample alerts otherwise.")
        var data: String?

        func validate() throws {
            if globs.isEmpty { throw ValidationError("required flag --template.glob not provided") }
        }

        func run() async throws {
            try TemplateRenderCommand(globs: globs, text: text, type: type, dataFile: data).run().emit()
        }
    }
}
