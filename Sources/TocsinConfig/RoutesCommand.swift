import TocsinModel

/// `tocsin routes show` and `tocsin routes test`, printing what `amtool config routes show|test` prints
/// for a local config file.
public enum RoutesCommand {
    /// The whole routing tree, like `amtool config routes show --config.file=F`.
    public static func show(configFile: String) -> CommandResult {
        let config: AlertmanagerConfig
        do {
            config = try AlertmanagerConfig.load(file: configFile)
        } catch {
            return fatal(error.description)
        }
        var tree = TreePrinter()
        addBranches(Route(config: config), into: &tree, depth: 0)
        return CommandResult(output: "Routing tree:\n" + tree.text + "\n", exitCode: 0)
    }

    /// The receivers an alert with `labels` (`name=value` arguments) reaches, comma-separated in tree
    /// order, like `amtool config routes test`. With `tree`, the matching part of the tree is printed
    /// first; with `verifyReceivers`, a different result prints a warning and exits 1.
    public static func test(configFile: String, labels arguments: [String], verifyReceivers: String? = nil, tree: Bool = false) -> CommandResult {
        let config: AlertmanagerConfig
        do {
            config = try AlertmanagerConfig.load(file: configFile)
        } catch {
            return fatal(error.description)
        }
        let root = Route(config: config)
        var pairs: [String: String] = [:]
        for argument in arguments {
            let matcher: Matcher
            do throws(MatcherParseError) {
                matcher = try MatcherParser.parseMatcher(argument)
            } catch {
                return fatal("Failed to parse labels: \(error.description)")
            }
            guard matcher.type == .equal else {
                return fatal("Failed to parse labels: labels must be specified as key=value pairs")
            }
            pairs[matcher.name] = matcher.value
        }
        let labels = LabelSet(pairs)
        var output = ""
        if tree {
            var printer = TreePrinter()
            addMatchingBranches(root, labels, into: &printer, depth: 0)
            output += "Matching routes:\n" + printer.text + "\n\n"
        }
        let receivers = root.match(labels).map(\.receiver).joined(separator: ",")
        output += receivers + "\n"
        if let verifyReceivers, !verifyReceivers.isEmpty, verifyReceivers != receivers {
            output += "WARNING: Expected receivers did not match resolved receivers.\n"
            return CommandResult(output: output, exitCode: 1)
        }
        return CommandResult(output: output, exitCode: 0)
    }

    // kingpin.Fatalf("%v\n", err) in amtool.
    private static func fatal(_ message: String) -> CommandResult {
        CommandResult(output: "", errorOutput: "amtool: error: \(message)\n\n", exitCode: 1)
    }

    private static func slug(_ route: Route, showContinue: Bool, showReceiver: Bool) -> String {
        var text = route.matchers.isEmpty ? "default-route" : route.matchers.description
        if route.continue && showContinue { text += "  continue: true" }
        if showReceiver { text += "  receiver: " + route.receiver }
        return text
    }

    private static func addBranches(_ route: Route, into tree: inout TreePrinter, depth: Int) {
        tree.add(slug(route, showContinue: true, showReceiver: true), depth: depth)
        for child in route.routes { addBranches(child, into: &tree, depth: depth + 1) }
    }

    // amtool's getMatchingTree: only nodes on matching paths, the receiver shown on final nodes.
    private static func addMatchingBranches(_ route: Route, _ labels: LabelSet, into tree: inout TreePrinter, depth: Int) {
        let index = tree.add(slug(route, showContinue: false, showReceiver: false), depth: depth)
        var final = true
        for child in route.routes where child.matchers.matches(labels) {
            addMatchingBranches(child, labels, into: &tree, depth: depth + 1)
            final = false
            if !child.continue { break }
        }
        if final { tree.setValue(at: index, slug(route, showContinue: false, showReceiver: true)) }
    }
}
