import Testing
@testable import Supervisor

@Suite struct StackPlanTests {
    @Test func defaultNodeRunsAllFourInOrder() {
        let plan = StackPlan(settings: .init(daemonDirectory: "/opt/tocsin/bin"))
        #expect(plan.children.map(\.name) == ["state", "gossip", "dispatcher", "notifier-0"])
        #expect(plan.children.map(\.socketPath) == [
            "data/run/state.sock", "data/run/gossip.sock", "data/run/dispatcher.sock", "data/run/notifier-0.sock",
        ])
        #expect(plan.children[0].executablePath == "/opt/tocsin/bin/tocsin-state")
        #expect(plan.children.filter(\.reloadsOnHangup).map(\.name) == ["dispatcher", "notifier-0"])
        #expect(plan.children.filter { $0.arguments.contains("--config.file=alertmanager.yml") }.map(\.name) == ["dispatcher", "notifier-0"])
    }

    @Test func emptyClusterAddressLeavesOutTheGossipAgent() {
        let plan = StackPlan(settings: .init(daemonDirectory: "/bin", clusterListenAddress: ""))
        #expect(plan.children.map(\.name) == ["state", "dispatcher", "notifier-0"])
        #expect(plan.children[1].arguments.contains("--cluster.listen-address="))
    }

    @Test func theGossipAgentGetsTheClusterFlags() throws {
        let plan = StackPlan(
            settings: .init(
                daemonDirectory: "/bin", clusterListenAddress: "127.0.0.1:9094",
                clusterArguments: ["--cluster.peer=am-1:9094", "--cluster.gossip-interval=100ms"]
            )
        )
        let gossip = try #require(plan.children.first { $0.name == "gossip" })
        #expect(gossip.arguments.contains("--cluster.listen-address=127.0.0.1:9094"))
        #expect(gossip.arguments.contains("--cluster.peer=am-1:9094"))
        #expect(gossip.arguments.contains("--cluster.gossip-interval=100ms"))
        let dispatcher = try #require(plan.children.first { $0.name == "dispatcher" })
        #expect(!dispatcher.arguments.contains("--cluster.peer=am-1:9094"))
    }

    @Test func everyDaemonGetsTheSameSocketDirectory() {
        let plan = StackPlan(settings: .init(daemonDirectory: "/bin", storagePath: "/var/lib/tocsin", socketDirectory: "/run/tocsin"))
        for child in plan.children {
            #expect(child.arguments.contains("--socket.dir=/run/tocsin"))
            #expect(child.arguments.contains("--storage.path=/var/lib/tocsin"))
            #expect(child.socketPath.hasPrefix("/run/tocsin/"))
        }
    }

    @Test func notifierPartitionsBecomeNotifierProcesses() {
        let plan = StackPlan(settings: .init(daemonDirectory: "/bin", notifierPartitions: ["pager,slack", "webhook"]))
        #expect(plan.children.map(\.name) == ["state", "gossip", "dispatcher", "notifier-0", "notifier-1"])
        #expect(plan.children[3].arguments.contains("--receivers=pager,slack"))
        #expect(plan.children[4].arguments.contains("--instance=notifier-1"))
        let dispatcher = plan.children[2].arguments
        #expect(dispatcher.contains("--notifier.receivers=pager,slack") && dispatcher.contains("--notifier.receivers=webhook"))
    }
}
