import Foundation
import TocsinConfig
import TocsinModel

// Routes 10,000 alerts through a 1,000-route tree and prints the cost per alert.
// Usage: swift run -c release config-bench [alerts] [rounds]

let arguments = CommandLine.arguments
let alertCount = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5

// 20 teams x 49 services (980 leaves) + 20 team routes: 1,000 routes under the root. The mix of `=`,
// `=~` and `!=` matchers and a `continue` route is what real trees look like.
var yaml = "route:\n  receiver: default\n  group_by: [alertname, cluster]\n  routes:\n"
var receivers = ["default"]
for team in 0..<20 {
    yaml += "  - matchers: ['team=\"team\(team)\"']\n    receiver: team\(team)\n"
    yaml += team % 5 == 0 ? "    continue: true\n" : ""
    yaml += "    routes:\n"
    receivers.append("team\(team)")
    for service in 0..<49 {
        switch service % 3 {
        case 0: yaml += "    - matchers: ['service=\"svc\(service)\"', 'severity=\"critical\"']\n"
        case 1: yaml += "    - matchers: ['service=~\"svc\(service)|svc\(service)-canary\"']\n"
        default: yaml += "    - match_re: {service: 'svc\(service)-.*'}\n"
        }
        yaml += "      receiver: team\(team)-svc\(service)\n"
        receivers.append("team\(team)-svc\(service)")
    }
}
yaml += "receivers:\n" + receivers.map { "- name: \($0)\n" }.joined()

let config = try AlertmanagerConfig.load(yaml)
let tree = Route(config: config)
var routeCount = 0
tree.walk { _ in routeCount += 1 }

var generator = SystemRandomNumberGenerator()
let alerts: [LabelSet] = (0..<alertCount).map { index in
    let team = Int.random(in: 0..<22, using: &generator)
    let service = Int.random(in: 0..<52, using: &generator)
    let suffix = ["", "-canary", "-eu"][index % 3]
    return [
        "alertname": "Alert\(index % 50)", "cluster": "c\(index % 7)", "team": "team\(team)",
        "service": "svc\(service)\(suffix)", "severity": index % 2 == 0 ? "critical" : "warning",
        "instance": "host\(index):9100",
    ]
}

var matched = 0
var best = Duration.seconds(1_000)
let clock = ContinuousClock()
for _ in 0..<rounds {
    let elapsed = clock.measure {
        for labels in alerts { matched &+= tree.match(labels).count }
    }
    best = min(best, elapsed)
}
let nanoseconds = Double(best.components.seconds) * 1e9 + Double(best.components.attoseconds) / 1e9
print("routes in tree: \(routeCount) (including the root)")
print("alerts: \(alertCount), rounds: \(rounds), matched routes: \(matched / rounds) per round")
print("best round: \(String(format: "%.2f", nanoseconds / 1e6)) ms, \(String(format: "%.0f", nanoseconds / Double(alertCount))) ns per alert")

// Time intervals are checked on every flush; measure one `contains` in a zone with DST.
let intervals = try AlertmanagerConfig.load("""
    route: {receiver: r}
    receivers: [{name: r}]
    time_intervals:
    - name: biz
      time_intervals:
      - times: [{start_time: '09:00', end_time: '17:00'}]
        weekdays: ['monday:friday']
        days_of_month: ['1:-2']
        location: Europe/Berlin
    """).namedTimeIntervals["biz"]!
let start = Date(timeIntervalSince1970: 1_700_000_000)
var active = 0
let checks = 100_000
let intervalTime = clock.measure {
    for step in 0..<checks where intervals.contains(start.addingTimeInterval(Double(step) * 61)) { active += 1 }
}
let intervalNanoseconds = Double(intervalTime.components.seconds) * 1e9 + Double(intervalTime.components.attoseconds) / 1e9
print("time interval checks: \(checks), active: \(active), \(String(format: "%.0f", intervalNanoseconds / Double(checks))) ns per check")
