import Foundation
import TocsinConfig
import TocsinTemplate

/// `tocsin template render`: what `amtool template render` of Alertmanager 0.25 does. Loads the default
/// templates and the files the globs match, executes `text` (as text/template, or html/template for type
/// `html`) over the data of a JSON file or amtool's sample data, and prints the result without a newline;
/// errors go to standard error as `amtool: error: ...` with exit status 1.
public struct TemplateRenderCommand: Sendable {
    /// The `--template.glob` flags, in order.
    public var globs: [String]
    /// The `--template.text` flag.
    public var text: String
    /// The `--template.type` flag: `text` (the default) or `html`.
    public var type: String?
    /// The `--template.data` flag: a JSON file in `template.Data`'s layout.
    public var dataFile: String?
    /// When the sample data's alerts end (it starts them 5 and 10 minutes earlier).
    public var now: Date

    /// A command with the given flags.
    public init(globs: [String], text: String, type: String? = nil, dataFile: String? = nil, now: Date = Date()) {
        self.globs = globs
        self.text = text
        self.type = type
        self.dataFile = dataFile
        self.now = now
    }

    /// Renders, and says what to print and how to exit.
    public func run() -> CommandResult {
        if let type, type != "text" && type != "html" {
            return Self.failure("enum value must be one of html,text, got '\(type)'")
        }
        let templates: NotificationTemplates
        do {
            templates = try NotificationTemplates(templateGlobs: globs)
        } catch {
            return Self.failure("\(error)")
        }
        var data = TemplateSampleData.amtool(now: now)
        if let dataFile {
            guard let bytes = FileManager.default.contents(atPath: dataFile) else {
                return Self.failure("open \(dataFile): no such file or directory")
            }
            do {
                data = try TemplateDataJSON.decode(bytes)
            } catch {
                return Self.failure(error.description)
            }
        }
        do {
            return CommandResult(output: try templates.render(text, data: data, html: type == "html"), exitCode: 0)
        } catch {
            return Self.failure("\(error)")
        }
    }

    private static func failure(_ message: String) -> CommandResult {
        CommandResult(output: "", errorOutput: "amtool: error: \(message)\n\n", exitCode: 1)
    }
}
