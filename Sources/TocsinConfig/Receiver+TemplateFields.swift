import Yams

/// One config string of a receiver that Alertmanager executes as a template.
public struct ReceiverTemplateField: Sendable, Hashable {
    /// The path in the receiver, as it reads in the YAML: `slack_configs[0].fields[1].value`.
    public var path: String
    /// The template text.
    public var text: String
    /// Whether Alertmanager executes it with html/template (an email's `html`).
    public var isHTML: Bool
}

extension Receiver {
    /// The subtrees that hold connection settings, never templates.
    private static let nonTemplateKeys: Set<String> = ["name", "http_config", "tls_config", "sigv4"]

    /// Every string of this receiver that contains a template action (`{{`), with its path: what
    /// `check-config` test-renders. A string without an action renders as itself and cannot fail.
    public var templateFields: [ReceiverTemplateField] {
        var fields: [ReceiverTemplateField] = []
        collect(rendered(usedByRoute: true), path: "", into: &fields)
        return fields
    }

    private func collect(_ node: Node, path: String, into fields: inout [ReceiverTemplateField]) {
        switch node {
        case .scalar(let scalar):
            if scalar.string.contains("{{") {
                fields.append(
                    ReceiverTemplateField(
                        path: path, text: scalar.string,
                        isHTML: path.hasPrefix("email_configs[") && path.hasSuffix("].html")))
            }
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string, !Self.nonTemplateKeys.contains(name) else { continue }
                collect(value, path: path.isEmpty ? name : "\(path).\(name)", into: &fields)
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() {
                collect(element, path: "\(path)[\(index)]", into: &fields)
            }
        case .alias:
            break
        }
    }
}
