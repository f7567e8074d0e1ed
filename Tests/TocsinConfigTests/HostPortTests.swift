import Testing
@testable import TocsinConfig

@Suite struct HostPortTests {
    @Test func splits() throws {
        #expect(try HostPort(parsing: "smtp.example.com:587") == HostPort(host: "smtp.example.com", port: "587"))
        #expect(try HostPort(parsing: "[::1]:25") == HostPort(host: "::1", port: "25"))
        #expect(try HostPort(parsing: ":25") == HostPort(host: "", port: "25"))
        #expect(HostPort(host: "::1", port: "25").description == "::1:25")  // as Alertmanager prints it
    }

    @Test(arguments: [
        ("localhost", "address localhost: missing port in address"),
        ("a:b:c", "address a:b:c: too many colons in address"),
        ("[::1", "address [::1: missing ']' in address"),
        ("[::1]", "address [::1]: missing port in address"),
        ("[[x]]:25", "address [[x]]:25: missing port in address"),
        ("[::1]:2:5", "address [::1]:2:5: too many colons in address"),
        ("a]:25", "address a]:25: unexpected ']' in address"),
        ("localhost:", "address \"localhost:\": port cannot be empty"),
    ])
    func rejects(_ text: String, _ message: String) {
        #expect(throws: ConfigError(message)) { try HostPort(parsing: text) }
    }
}
