import Foundation
import Testing

/// Debian's `amtool` (Alertmanager 0.25's CLI) driving a real node: adding and querying alerts, adding,
/// querying and expiring silences, and showing the config. Skipped when amtool is not installed.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct AmtoolTests {
    static let amtool = URL(fileURLWithPath: "/usr/bin/amtool")

    func amtool(_ node: TocsinNode, _ arguments: [String]) async throws -> BoundedCommand.Result {
        try await BoundedCommand.run(Self.amtool, ["--alertmanager.url=http://127.0.0.1:\(node.port)"] + arguments)
    }

    @Test func amtoolManagesAlertsAndSilences() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.amtool.path) else {
            print("skipping: amtool is not installed")
            return
        }
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            let added = try await amtool(node, ["alert", "add", "alertname=AmtoolFoo", "severity=page", "--annotation=summary=hello"])
            #expect(added.status == 0, "\(added.output)")
            let queried = try await amtool(node, ["alert", "query"])
            #expect(queried.output.contains("AmtoolFoo"))
            #expect(queried.output.contains("hello"))

            let silenced = try await amtool(node, ["silence", "add", "alertname=AmtoolFoo", "--comment=e2e", "--author=tester"])
            #expect(silenced.status == 0, "\(silenced.output)")
            let id = silenced.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(id.count == 36)
            let silences = try await amtool(node, ["silence", "query", "-q"])
            #expect(silences.output.trimmingCharacters(in: .whitespacesAndNewlines) == id)
            // amtool's alert query hides silenced alerts: the silence is in force.
            #expect(!(try await amtool(node, ["alert", "query"]).output.contains("AmtoolFoo")))

            let expired = try await amtool(node, ["silence", "expire", id])
            #expect(expired.status == 0, "\(expired.output)")
            #expect(try await amtool(node, ["silence", "query", "-q"]).output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            #expect(try await amtool(node, ["silence", "query", "--expired", "-q"]).output.contains(id))

            let config = try await amtool(node, ["config", "show"])
            #expect(config.status == 0)
            #expect(config.output.contains("receiver: default"))

            // silence import: what `silence query -o json` printed goes back in; an unchanged silence keeps its id.
            let kept = try await amtool(node, ["silence", "add", "alertname=Imported", "--comment=import", "--author=tester"])
            let keptID = kept.output.trimmingCharacters(in: .whitespacesAndNewlines)
            let exported = try await amtool(node, ["silence", "query", "-o", "json"])
            let file = node.scratch.path + "/silences.json"
            try exported.output.write(toFile: file, atomically: false, encoding: .utf8)
            let imported = try await amtool(node, ["silence", "import", file])
            #expect(imported.status == 0, "\(imported.output)")
            #expect(imported.output.trimmingCharacters(in: .whitespacesAndNewlines) == keptID, "\(imported.output)")

            // The node settles (2 s in these tests) and amtool shows it ready.
            var cluster = try await amtool(node, ["cluster", "show"])
            _ = await eventually(within: .seconds(20)) {
                cluster = (try? await amtool(node, ["cluster", "show"])) ?? cluster
                return cluster.output.contains("ready")
            }
            #expect(cluster.status == 0, "\(cluster.output)")
            #expect(cluster.output.contains("Cluster Status:  ready"), "\(cluster.output)")
            #expect(cluster.output.contains("Node Name:"), "\(cluster.output)")
        }
    }
}
