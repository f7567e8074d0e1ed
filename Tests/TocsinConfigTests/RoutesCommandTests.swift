import Foundation
import Testing
@testable import TocsinConfig

/// `routes show` / `routes test` against real `amtool config routes`.
@Suite struct RoutesCommandTests {
    static var tree: String { Corpus.directory.appendingPathComponent("routes/tree.yml").path }
    static var simple: String { Corpus.directory.appendingPathComponent("routes/simple.yml").path }
    /// A generated tree with every matcher kind, nesting and `continue`, as found by randomised comparison.
    static var random: String { Corpus.directory.appendingPathComponent("routes/random.yml").path }

    static let labelSets: [[String]] = [
        [],
        ["severity=critical"],
        ["severity=critical", "team=db"],
        ["severity=critical", "team=front"],
        ["severity=critical", "team=back"],
        ["team=frog"],
        ["env=dev", "region=eu"],
        ["env=prod", "region=eu"],
        ["env=dev", "team=x", "region=eu"],
        ["team=\"quoted value\""],
        ["service=database", "owner=team-X"],
        ["service=database", "owner=team-Y", "severity=critical"],
        ["service=foo1", "severity=critical"],
        ["service=files"],
        ["env=prod", "severity=warning", "team=front"],
        ["env=dev", "region=us", "service=database", "severity=critical"],
        ["region=eu", "service=foo1", "team=back"],
    ]

    static var cases: [(String, [String], Bool)] {
        var out: [(String, [String], Bool)] = []
        for file in [tree, simple, random] {
            for labels in labelSets {
                out.append((file, labels, false))
                out.append((file, labels, true))
            }
        }
        return out
    }

    @Test(arguments: cases)
    func testSameAsAmtool(_ file: String, _ labels: [String], _ tree: Bool) async throws {
        guard let amtool = Oracle.find("amtool") else {
            print("amtool is not installed: skipping the routes test comparison")
            return
        }
        let expected = try await Oracle.run(
            amtool, ["config", "routes", "test", "--config.file=\(file)"] + (tree ? ["--tree"] : []) + labels)
        let ours = RoutesCommand.test(configFile: file, labels: labels, tree: tree)
        #expect(ours.output == expected.stdout, "\(labels)")
        #expect(ours.exitCode == expected.status)
    }

    @Test(arguments: [tree, simple, random])
    func showSameAsAmtool(_ file: String) async throws {
        guard let amtool = Oracle.find("amtool") else {
            print("amtool is not installed: skipping the routes show comparison")
            return
        }
        let expected = try await Oracle.run(amtool, ["config", "routes", "show", "--config.file=\(file)"])
        let ours = RoutesCommand.show(configFile: file)
        #expect(ours.output == expected.stdout)
        #expect(ours.exitCode == expected.status)
    }

    @Test func verifyReceivers() {
        let ok = RoutesCommand.test(configFile: Self.simple, labels: ["service=files"], verifyReceivers: "team-Y-mails")
        #expect(ok.exitCode == 0)
        #expect(ok.output == "team-Y-mails\n")
        let bad = RoutesCommand.test(configFile: Self.simple, labels: ["service=files"], verifyReceivers: "team-X-mails")
        #expect(bad.exitCode == 1)
        #expect(bad.output == "team-Y-mails\nWARNING: Expected receivers did not match resolved receivers.\n")
    }

    @Test func badLabels() {
        let regex = RoutesCommand.test(configFile: Self.simple, labels: ["team=~x"])
        #expect(regex.exitCode == 1)
        #expect(regex.errorOutput == "amtool: error: Failed to parse labels: labels must be specified as key=value pairs\n\n")
        let format = RoutesCommand.test(configFile: Self.simple, labels: ["te am=x"])
        #expect(format.errorOutput == "amtool: error: Failed to parse labels: bad matcher format: te am=x\n\n")
    }

    @Test func brokenConfig() {
        let file = Corpus.directory.appendingPathComponent("invalid-undefined-receiver.yml").path
        let result = RoutesCommand.test(configFile: file, labels: [])
        #expect(result.exitCode == 1)
        #expect(result.errorOutput == "amtool: error: undefined receiver \"nope\" used in route\n\n")
    }
}
