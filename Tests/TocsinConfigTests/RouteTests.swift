import Testing
import TocsinModel
@testable import TocsinConfig

@Suite struct RouteTests {
    static let text = """
        route:
          receiver: root
          group_by: [alertname]
          group_wait: 10s
          routes:
          - matchers: ['severity="critical"']
            receiver: pager
            group_interval: 1m
            continue: true
            routes:
            - match: {team: db}
              group_by: ['...']
              repeat_interval: 1h
              mute_time_intervals: [night]
            - match: {team: web}
              group_by: []
          - match_re: {team: 'fr.*'}
            receiver: front
            group_by: [team, alertname, team2]
          - matchers: ['severity="critical"']
            receiver: twin
        receivers:
        - name: root
        - name: pager
        - name: front
        - name: twin
        time_intervals:
        - name: night
          time_intervals: []
        """

    var root: Route {
        get throws { Route(config: try AlertmanagerConfig.load(Self.text)) }
    }

    @Test func rootDefaults() throws {
        let root = Route(config: try AlertmanagerConfig.load("route:\n  receiver: r\nreceivers:\n- name: r\n"))
        #expect(root.groupWait == PrometheusDuration(seconds: 30))
        #expect(root.groupInterval == PrometheusDuration(seconds: 300))
        #expect(root.repeatInterval == PrometheusDuration(seconds: 14_400))
        #expect(root.groupBy.isEmpty && !root.groupByAll)
        #expect(root.key.rawValue == "{}")
        #expect(root.match(["a": "b"]).map(\.receiver) == ["r"])
    }

    @Test func inheritance() throws {
        let root = try self.root
        let pager = root.routes[0]
        #expect(pager.receiver == "pager")
        #expect(pager.groupWait == PrometheusDuration(seconds: 10))
        #expect(pager.groupInterval == PrometheusDuration(seconds: 60))
        #expect(pager.groupBy == ["alertname"])
        let db = pager.routes[0]
        #expect(db.receiver == "pager")
        #expect(db.groupByAll)
        #expect(db.groupInterval == PrometheusDuration(seconds: 60))
        #expect(db.repeatInterval == PrometheusDuration(seconds: 3600))
        #expect(db.muteTimeIntervals == ["night"])
        #expect(pager.muteTimeIntervals.isEmpty)
        let web = pager.routes[1]
        #expect(web.groupBy == ["alertname"] && !web.groupByAll)  // group_by: [] inherits
        #expect(root.routes[1].groupBy == ["alertname", "team", "team2"])
    }

    @Test func keys() throws {
        let root = try self.root
        #expect(root.routes[0].key.rawValue == "{}/{severity=\"critical\"}")
        #expect(root.routes[0].routes[0].key.rawValue == "{}/{severity=\"critical\"}/{team=\"db\"}")
        #expect(root.routes[1].key.rawValue == "{}/{team=~\"^(?:fr.*)$\"}")
        #expect(root.routes[2].key == root.routes[0].key)  // keys are not unique, as in Alertmanager
    }

    @Test func matching() throws {
        let root = try self.root
        #expect(root.match(["severity": "critical", "team": "db"]).map(\.receiver) == ["pager", "twin"])
        #expect(root.match(["severity": "critical", "team": "frog"]).map(\.receiver) == ["pager", "front"])
        #expect(root.match(["severity": "critical"]).map(\.receiver) == ["pager", "twin"])
        #expect(root.match(["team": "frog"]).map(\.receiver) == ["front"])
        #expect(root.match(["team": "x"]).map(\.receiver) == ["root"])
        #expect(root.match(["severity": "critical", "team": "db"]).first?.groupByAll == true)
    }

    @Test func groupLabels() throws {
        let root = try self.root
        let labels: LabelSet = ["alertname": "A", "team": "front", "x": "y"]
        #expect(root.routes[1].groupLabels(of: labels) == ["alertname": "A", "team": "front"])
        #expect(root.routes[0].routes[0].groupLabels(of: labels) == labels)
    }

    @Test func walkVisitsInOrder() throws {
        var receivers: [String] = []
        try root.walk { receivers.append($0.receiver) }
        #expect(receivers == ["root", "pager", "pager", "pager", "front", "twin"])
    }
}
