import Foundation
import Testing
@testable import TocsinConfig

@Suite struct CheckConfigCommandTests {
    @Test(arguments: Corpus.files())
    func corpusVerdict(_ file: URL) {
        let result = CheckConfigCommand().run(files: [file.path])
        #expect((result.exitCode == 0) == Corpus.expectsValid(file), "\(file.lastPathComponent): \(result.output)")
    }

    @Test(arguments: Corpus.files(prefix: "valid-") + Corpus.files(prefix: "invalid-"))
    func sameAsAmtool(_ file: URL) async throws {
        guard let amtool = Oracle.find("amtool") else {
            print("amtool is not installed: skipping the comparison with real Alertmanager for \(file.lastPathComponent)")
            return
        }
        let expected = try await Oracle.run(amtool, ["check-config", file.path])
        let ours = CheckConfigCommand().run(files: [file.path])
        #expect(ours.exitCode == expected.status, "\(file.lastPathComponent)")
        #expect(ours.output == expected.stdout, "\(file.lastPathComponent)")
    }

    @Test func summaryForSeveralFiles() throws {
        let good = Corpus.directory.appendingPathComponent("valid-minimal.yml").path
        let bad = Corpus.directory.appendingPathComponent("invalid-unknown-route.yml").path
        let result = CheckConfigCommand().run(files: [good, bad])
        #expect(result.exitCode == 1)
        #expect(
            result.output.contains(
                "Checking '\(good)'  SUCCESS\nFound:\n - global config\n - route\n - 0 inhibit rules\n - 1 receivers\n - 0 templates\n\n"))
        #expect(
            result.output.contains(
                "FAILED: yaml: unmarshal errors:\n  line 3: field foo not found in type config.plain\n  line 4: field bar not found in type config.plain\n"
            ))
        #expect(result.errorOutput == "amtool: error: failed to validate 1 file(s)\n\n")
    }

    @Test func missingFile() {
        let result = CheckConfigCommand().run(files: ["/nonexistent/am.yml"])
        #expect(result.exitCode == 1)
        #expect(result.errorOutput.contains("path '/nonexistent/am.yml' does not exist"))
    }

    @Test func templateFilesMustBeReadable() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-tmpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("d"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("am.yml").path
        try "route:\n  receiver: r\nreceivers:\n- name: r\ntemplates: ['d', 'none/*.tmpl']\n".write(
            toFile: config, atomically: false, encoding: .utf8)
        let result = CheckConfigCommand().run(files: [config])
        #expect(result.output.hasSuffix(" - 2 templates\n  FAILED: read \(directory.path)/d: is a directory\n\n"))
        try "route:\n  receiver: r\nreceivers:\n- name: r\ntemplates: ['[']\n".write(toFile: config, atomically: false, encoding: .utf8)
        #expect(CheckConfigCommand().run(files: [config]).output.contains("  FAILED: syntax error in pattern\n"))
    }

    @Test func templateCheckIsPluggable() {
        let file = Corpus.directory.appendingPathComponent("valid-templates.yml").path
        let result = CheckConfigCommand(templateCheck: { _ in "template: x:1: unexpected EOF" }).run(files: [file])
        #expect(result.exitCode == 1)
        #expect(result.output.contains(" - 2 templates\n  FAILED: template: x:1: unexpected EOF\n"))
    }
}
