#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Supervisor
import Testing

/// The same requests sent to a real node and to Alertmanager 0.25 (`prometheus-alertmanager` on loopback)
/// get the same bodies, byte for byte, once the receive time (`updatedAt`) is masked.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct AlertmanagerAPIOracleTests {
    static let batch = #"""
        [{"labels":{"alertname":"Disk","job":"node","instance":"b"},"annotations":{"summary":"full & <hot>"},
          "startsAt":"2026-01-01T00:00:00.123456Z","endsAt":"2099-01-01T00:00:00.5Z","generatorURL":"http://prom/graph"},
         {"labels":{"alertname":"Disk","job":"node","instance":"a","empty":""},"startsAt":"2026-01-01T00:00:01Z"},
         {"labels":{"alertname":"Cpu","team":"x"},"startsAt":"2026-01-01T00:00:02Z","endsAt":"2099-01-01T00:00:00Z"}]
        """#

    static let requests = [
        "/api/v2/alerts", "/api/v2/alerts/groups", "/api/v2/alerts?filter=job%3D%22node%22",
        "/api/v2/alerts?filter=team%3D%22%22", "/api/v2/alerts?receiver=def.*", "/api/v2/alerts?receiver=other",
        "/api/v2/alerts?active=false", "/api/v2/alerts?filter=a%3D~%22(%22", "/api/v2/receivers",
        "/api/v2/alerts/groups?filter=alertname%3D%22Cpu%22",
    ]

    /// `body` with the receive-time fields blanked: every `updatedAt`, and every `endsAt` that was derived
    /// from the receive time (all explicit ones in the batch are in 2099).
    static func masked(_ body: String) -> String {
        var out = ""
        var rest = Substring(body)
        while let range = rest.range(of: #"At":""#) {
            let key = rest[..<range.lowerBound].suffix(7)
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            if key.hasSuffix("updated") || (key.hasSuffix("ends") && !rest.hasPrefix("2099")) {
                out += "T"
                rest = rest.drop { $0 != "\"" }
            }
        }
        return out + rest
    }

    @Test func alertsAndGroupsMatchAlertmanager() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/prometheus-alertmanager") else {
            print("skipping: prometheus-alertmanager is not installed")
            return
        }
        let scratch = try ScratchDirectory()
        try TocsinNode.configuration.write(toFile: "\(scratch.path)/am.yml", atomically: false, encoding: .utf8)
        let port = try freeLoopbackPort()
        let alertmanager = try ChildProcess.spawn(
            executable: "/usr/bin/prometheus-alertmanager",
            arguments: [
                "--config.file=\(scratch.path)/am.yml", "--storage.path=\(scratch.path)/data",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=", "--log.level=error",
            ],
            environment: [:]
        )
        defer { alertmanager.send(signal: SIGKILL) }
        #expect(await eventually(within: .seconds(20)) { await httpStatus(port: port, path: "/-/ready") == 200 })

        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            for target in [port, node.port] {
                let posted = await httpRequest(
                    port: target, method: "POST", path: "/api/v2/alerts", body: Self.batch, contentType: "application/json")
                #expect(posted?.status == 200)
            }
            for path in Self.requests {
                let theirs = await httpRequest(port: port, method: "GET", path: path)
                let ours = await httpRequest(port: node.port, method: "GET", path: path)
                #expect(ours?.status == theirs?.status, "\(path)")
                #expect(Self.masked(ours?.body ?? "") == Self.masked(theirs?.body ?? ""), "\(path)")
            }
            let original = { (body: String) -> String in
                guard let start = body.range(of: #""original":"#), let end = body.range(of: #"},"uptime""#) else { return "" }
                return String(body[start.upperBound..<end.lowerBound])
            }
            let theirStatus = await httpRequest(port: port, method: "GET", path: "/api/v2/status")?.body ?? ""
            let ourStatus = await httpRequest(port: node.port, method: "GET", path: "/api/v2/status")?.body ?? ""
            #expect(!original(theirStatus).isEmpty)
            #expect(original(ourStatus) == original(theirStatus))
        }
    }
}
