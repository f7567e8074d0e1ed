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

    /// Starts Alertmanager 0.25 on loopback with the node's configuration; nil when it is not installed.
    static func startAlertmanager(in scratch: ScratchDirectory) async throws -> (ChildProcess, Int)? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/prometheus-alertmanager") else {
            print("skipping: prometheus-alertmanager is not installed")
            return nil
        }
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
        #expect(await eventually(within: .seconds(20)) { await httpStatus(port: port, path: "/-/ready") == 200 })
        return (alertmanager, port)
    }

    /// POSTs each body to both servers and expects the same status, and the same body when `compareBody` says
    /// so for Alertmanager's status.
    static func postToBoth(
        _ bodies: [String], path: String, alertmanager: Int, tocsin: Int, compareBody: (Int?) -> Bool = { _ in true }
    ) async {
        for body in bodies {
            let theirs = await httpRequest(port: alertmanager, method: "POST", path: path, body: body, contentType: "application/json")
            let ours = await httpRequest(port: tocsin, method: "POST", path: path, body: body, contentType: "application/json")
            #expect(theirs != nil)
            #expect(ours?.status == theirs?.status, "\(body)")
            if compareBody(theirs?.status) {
                #expect(ours?.body == theirs?.body, "\(body)")
            }
        }
    }

    /// Bodies go-swagger and Go's decoder answer in their own ways: the first type error of the first alert
    /// (the `annotations`/`startsAt`/`endsAt` part is decoded before `labels`/`generatorURL`), the anonymous
    /// struct in messages, a blank body, text after the first JSON value, null label values.
    static let malformedBodies = [
        #"[{"labels":{"a":true}}]"#, #"[{"labels":{"a":"b"},"annotations":[1]}]"#, "[true]", "[1e5]", #"["x"]"#,
        #"{"a":1}"#, #""x""#, "5", "null", #"[{"labels":{"a":"b"},"startsAt":5}]"#, #"[{"labels":{"a":"b"},"endsAt":true}]"#,
        #"[{"labels":{"a":"b"}},]"#, #"[{"labels":{"a":"b"},"generatorURL":false}]"#, "   ", "",
        #"[{"labels":{"a":"b"}}] x"#, #"[{"labels":{"a":"b"}}]]"#, #"[{"labels":null}]"#, "[{}]", #"[{"labels":{"a":null}}]"#,
        #"[{"labels":{"a":"b"},"startsAt":"garbage"}]"#, #"[{"labels":{"a":"b"},"startsAt":"2026-13-01T00:00:00Z"}]"#,
        #"[{"labels":{"a":"b"},"startsAt":"2026-11-25"}]"#, #"[{"labels":{"a":"b"},"annotations":{"x":1},"startsAt":5}]"#,
        #"[{"labels":5,"annotations":5}]"#, #"[{"labels":{"a":"b"}},{"labels":5}]"#,
        #"[{"labels":5},{"labels":{"a":"b"},"annotations":5}]"#, "garbage", "[", #"[{"labels":{"a":"b"}"#, #"{"labels""#,
        #"[{"labels":{"a":"b\ud800x"}}]"#, #"[{"labels":{"a":"b"},"generatorURL":"::not a url"}]"#,
        #"[{"labels":{"a":"b"},"annotations":{"x":"y"},"annotations":5}]"#, #"[{"labels":{"a":"b"}} , {"labels":{"c":"d"}}]"#,
    ]

    @Test func malformedAlertBodiesGetAlertmanagersAnswers() async throws {
        let scratch = try ScratchDirectory()
        guard let (alertmanager, port) = try await Self.startAlertmanager(in: scratch) else { return }
        defer { alertmanager.send(signal: SIGKILL) }
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            await Self.postToBoth(Self.malformedBodies, path: "/api/v2/alerts", alertmanager: port, tocsin: node.port)
            // Alertmanager 0.25 panics on a null alert (its connection just closes); Tocsin answers.
            let null = await httpRequest(
                port: node.port, method: "POST", path: "/api/v2/alerts", body: "[null]", contentType: "application/json")
            #expect(null?.status == 400)
            #expect(null?.body == #"{"code":400,"message":"parsing alerts body from \"\" failed, because alert 0 is null"}"#)
        }
    }

    /// Silence bodies, valid but odd (case-insensitive keys, text after the value, an empty start) and
    /// invalid in every part go-swagger checks; a created silence's id is random, so only its status is compared.
    static var silenceBodies: [String] {
        let times = #""startsAt":"2026-11-25T10:00:00Z","endsAt":"2099-11-26T10:00:00Z""#
        let matchers = #""matchers":[{"name":"a","value":"b","isRegex":false}]"#
        func body(_ fields: String) -> String { "{" + fields + "}" }
        return [
            "[1]", "5", "null", "", "   ", "{", #"{"comment":"#, body(#""comment":5,"createdBy":"x",\#(matchers),\#(times)"#),
            body(#""comment":"c","createdBy":"x","matchers":5,\#(times)"#),
            body(#""comment":"c","createdBy":"x","matchers":[5],\#(times)"#),
            body(#""comment":"c","createdBy":"x","matchers":[{"name":5,"value":"b","isRegex":false}],\#(times)"#),
            body(#""comment":"c","createdBy":"x","matchers":[{"name":"a","value":"b","isRegex":"no"}],\#(times)"#),
            body(#""comment":"c","createdBy":"x",\#(matchers),"startsAt":5,"endsAt":"x""#),
            body(#""comment":"c","createdBy":"x",\#(matchers),"startsAt":"x","endsAt":"2099-11-26T10:00:00Z""#),
            body(#""id":5,"comment":"c","createdBy":"x",\#(matchers),\#(times)"#),
            body(#""comment":"c","createdBy":"x",\#(matchers),\#(times)"#) + " junk",
            body(#""Comment":"c","createdBy":"x",\#(matchers),\#(times)"#),
            body(#""comment":"c","createdBy":"x",\#(matchers),"startsAt":"","endsAt":"2099-11-26T10:00:00Z""#),
            body(#""comment":"c","createdBy":"x","matchers":[{"name":"a","value":"b","isRegex":false,"isEqual":"x"}],\#(times)"#),
            body(#""comment":"c","createdBy":"x","matchers":null,\#(times)"#),
            body(#""comment":"c","createdBy":"x","matchers":[],\#(times)"#),
            body(#""comment":"c","createdBy":"x","matchers":[{"name":"a","value":"b"}],"endsAt":"2099-11-26T10:00:00Z""#),
            body(#""createdBy":"x","matchers":[{"value":"b"}]"#),
            body(#""comment":"c","createdBy":"x",\#(matchers),"startsAt":"2026-11-25T10:00:00Z""#),
            body(#""comment":"c","createdBy":"x",\#(matchers),"startsAt":"0001-01-01T00:00:00Z","endsAt":"2099-11-26T10:00:00Z""#),
            body(#""comment":"c","createdBy":"x",\#(matchers),"startsAt":"2026-11-25T10:00:00Z","endsAt":"0001-01-01T00:00:00Z""#),
            body(#""comment":"c","createdBy":"x",\#(matchers),"startsAt":"2026-11-25T10:00:00Z","endsAt":"2026-11-25T10:00:01Z""#),
            body(#""comment":"c","createdBy":"x","matchers":[{"name":"a","value":"(","isRegex":true}],\#(times)"#),
            body(#""comment":"c","createdBy":"x","matchers":[{"name":"a","value":"b","isRegex":false}, {"name":"c"}],\#(times)"#),
        ]
    }

    @Test func malformedSilenceBodiesGetAlertmanagersAnswers() async throws {
        let scratch = try ScratchDirectory()
        guard let (alertmanager, port) = try await Self.startAlertmanager(in: scratch) else { return }
        defer { alertmanager.send(signal: SIGKILL) }
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            await Self.postToBoth(Self.silenceBodies, path: "/api/v2/silences", alertmanager: port, tocsin: node.port) { $0 != 200 }
        }
    }

    @Test func alertsAndGroupsMatchAlertmanager() async throws {
        let scratch = try ScratchDirectory()
        guard let (alertmanager, port) = try await Self.startAlertmanager(in: scratch) else { return }
        defer { alertmanager.send(signal: SIGKILL) }

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
