import TocsinModel

/// Label sets posted to real Alertmanager 0.25 (Debian `prometheus-alertmanager`, 0.25.0-1+b4) on loopback, with
/// what it reported: the API's `fingerprint`, the xxHash64 its nflog snapshot stored in `firing_alerts`, and the
/// webhook payload's `groupKey`. The routing tree was:
///
/// ```yaml
/// route:
///   group_by: ['alertname', 'instance']
///   routes:
///     - matchers: ['severity="critical"', 'team=~"a|b"']
///       continue: true
///       group_by: ['alertname', 'a1', 'a']
///     - match: {team: "x\"y"}
///       routes:
///         - matchers: ['zone!~"eu.*"']
///           group_by: ['...']
/// ```
/// Labels are listed after Alertmanager dropped empty values (`{"alertname": "", "a": "b"}` became `{a="b"}`).
struct LiveVector: Sendable {
    enum Route: Sendable {
        case root, critical, team, zone
    }

    var labels: [String: String]
    var fingerprint: String
    var alertHash: UInt64
    var route: Route
    var groupKey: String

    static let rootKey = RouteKey(parent: nil, matchers: [])

    static func routeKey(_ route: Route) throws -> RouteKey {
        switch route {
        case .root:
            return rootKey
        case .critical:
            return RouteKey(
                parent: rootKey,
                matchers: [
                    try Matcher(name: "team", type: .regexp, value: "a|b"),
                    try Matcher(name: "severity", type: .equal, value: "critical"),
                ])
        case .team:
            return RouteKey(parent: rootKey, matchers: [try Matcher(name: "team", type: .equal, value: "x\"y")])
        case .zone:
            return RouteKey(
                parent: try routeKey(.team), matchers: [try Matcher(name: "zone", type: .notRegexp, value: "eu.*")])
        }
    }

    /// The route's `group_by`; nil stands for `['...']` (all labels).
    static func groupBy(_ route: Route) -> [String]? {
        switch route {
        case .root, .team: ["alertname", "instance"]
        case .critical: ["alertname", "a1", "a"]
        case .zone: nil
        }
    }

    static let all: [LiveVector] = [
        LiveVector(
            labels: [
                "alertname": "\u{dc}n\u{ef}c\u{f6}d\u{e9}", "emoji": "\u{1f525}\u{1f692}",
                "value": "\u{65e5}\u{672c}\u{8a9e}\u{30c6}\u{30ad}\u{30b9}\u{30c8}",
            ],
            fingerprint: "86b6aa11f3aa6d5f",
            alertHash: 0xe13fe048a81ed211,
            route: .root,
            groupKey: "{}:{alertname=\"\u{dc}n\u{ef}c\u{f6}d\u{e9}\"}"
        ),
        LiveVector(
            labels: ["alertname": "A"],
            fingerprint: "d2c6efc389df0927",
            alertHash: 0xf7b108d04c3b55fc,
            route: .root,
            groupKey: "{}:{alertname=\"A\"}"
        ),
        LiveVector(
            labels: ["alertname": "A", "instance": "i1"],
            fingerprint: "3958271e50266b0c",
            alertHash: 0xd8474dfbae494c18,
            route: .root,
            groupKey: "{}:{alertname=\"A\", instance=\"i1\"}"
        ),
        LiveVector(
            labels: ["a": "b"],
            fingerprint: "d2b371819297f98a",
            alertHash: 0x608891b6a4fd3588,
            route: .root,
            groupKey: "{}:{}"
        ),
        LiveVector(
            labels: [
                "alertname": "quotes", "nl": "line1\u{a}line2", "q": "say \"hi\" \\ back\\slash", "tab": "a\u{9}b",
            ],
            fingerprint: "67ffb5cc0179358c",
            alertHash: 0x9391100eb244f140,
            route: .root,
            groupKey: "{}:{alertname=\"quotes\"}"
        ),
        LiveVector(
            labels: ["alertname": "nbsp", "ctl": "x\u{7}y", "del": "a\u{7f}b", "v": "a\u{a0}b", "zw": "a\u{200b}b"],
            fingerprint: "6446f212c71dd17b",
            alertHash: 0xa8bd2fff949f114d,
            route: .root,
            groupKey: "{}:{alertname=\"nbsp\"}"
        ),
        LiveVector(
            labels: ["alertname": "x", "v": "\u{2028}sep\u{1f600}\u{e0001}"],
            fingerprint: "ea3f9ed7316d4827",
            alertHash: 0xa098b41b304600a0,
            route: .root,
            groupKey: "{}:{alertname=\"x\"}"
        ),
        LiveVector(
            labels: ["alertname": "precomposed", "v": "\u{e9}"],
            fingerprint: "cbe6f29e9cc6cbf3",
            alertHash: 0xb12eda92f0b67da5,
            route: .root,
            groupKey: "{}:{alertname=\"precomposed\"}"
        ),
        LiveVector(
            labels: ["alertname": "e"],
            fingerprint: "d24cefc38977aceb",
            alertHash: 0x089a7b8ce860fb1b,
            route: .root,
            groupKey: "{}:{alertname=\"e\"}"
        ),
        LiveVector(
            labels: ["alertname": "s3", "instance": "i4", "team": "x\"y", "zone": "eu-1"],
            fingerprint: "debbec89a1f221b4",
            alertHash: 0xbd33600f58a6d5a8,
            route: .team,
            groupKey: "{}/{team=\"x\\\"y\"}:{alertname=\"s3\", instance=\"i4\"}"
        ),
        LiveVector(
            labels: ["alertname": "decomposed", "v": "e\u{301}"],
            fingerprint: "6d7140b30c45e5a7",
            alertHash: 0x0537da7827a33c42,
            route: .root,
            groupKey: "{}:{alertname=\"decomposed\"}"
        ),
        LiveVector(
            labels: ["a": "q", "a1": "r", "alertname": "s", "instance": "i2", "severity": "critical", "team": "a"],
            fingerprint: "2879ddbc8b7a3105",
            alertHash: 0xa5eddb274f7993a5,
            route: .critical,
            groupKey: "{}/{severity=\"critical\",team=~\"a|b\"}:{a1=\"r\", a=\"q\", alertname=\"s\"}"
        ),
        LiveVector(
            labels: ["alertname": "s2", "instance": "i3", "team": "x\"y", "zone": "us-1"],
            fingerprint: "791ae7dc1ce438b4",
            alertHash: 0x2a913f00468c5ca2,
            route: .zone,
            groupKey:
                "{}/{team=\"x\\\"y\"}/{zone!~\"eu.*\"}:{alertname=\"s2\", instance=\"i3\", team=\"x\\\"y\", zone=\"us-1\"}"
        ),
        LiveVector(
            labels: [
                "alertname": "long",
                "v":
                    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ],
            fingerprint: "5ba7589c1fbe36fa",
            alertHash: 0xa667df7d66415ea1,
            route: .root,
            groupKey: "{}:{alertname=\"long\"}"
        ),
        LiveVector(
            labels: ["A": "3", "Z": "6", "_": "4", "a": "1", "a1": "2", "alertname": "order", "b_": "5"],
            fingerprint: "616a03ef6e5cfe35",
            alertHash: 0xb8077ee7493f6758,
            route: .root,
            groupKey: "{}:{alertname=\"order\"}"
        ),
        LiveVector(
            labels: [
                "alertname": "many", "label_00": "value number 0 with some padding text",
                "label_01": "value number 1 with some padding text",
                "label_02": "value number 2 with some padding text",
                "label_03": "value number 3 with some padding text",
                "label_04": "value number 4 with some padding text",
                "label_05": "value number 5 with some padding text",
                "label_06": "value number 6 with some padding text",
                "label_07": "value number 7 with some padding text",
                "label_08": "value number 8 with some padding text",
                "label_09": "value number 9 with some padding text",
                "label_10": "value number 10 with some padding text",
                "label_11": "value number 11 with some padding text",
                "label_12": "value number 12 with some padding text",
                "label_13": "value number 13 with some padding text",
                "label_14": "value number 14 with some padding text",
                "label_15": "value number 15 with some padding text",
                "label_16": "value number 16 with some padding text",
                "label_17": "value number 17 with some padding text",
                "label_18": "value number 18 with some padding text",
                "label_19": "value number 19 with some padding text",
                "label_20": "value number 20 with some padding text",
                "label_21": "value number 21 with some padding text",
                "label_22": "value number 22 with some padding text",
                "label_23": "value number 23 with some padding text",
                "label_24": "value number 24 with some padding text",
                "label_25": "value number 25 with some padding text",
                "label_26": "value number 26 with some padding text",
                "label_27": "value number 27 with some padding text",
                "label_28": "value number 28 with some padding text",
                "label_29": "value number 29 with some padding text",
                "label_30": "value number 30 with some padding text",
                "label_31": "value number 31 with some padding text",
                "label_32": "value number 32 with some padding text",
                "label_33": "value number 33 with some padding text",
                "label_34": "value number 34 with some padding text",
                "label_35": "value number 35 with some padding text",
                "label_36": "value number 36 with some padding text",
                "label_37": "value number 37 with some padding text",
                "label_38": "value number 38 with some padding text",
                "label_39": "value number 39 with some padding text",
            ],
            fingerprint: "b44d5f41486247e1",
            alertHash: 0xf12475ca4d3942cc,
            route: .root,
            groupKey: "{}:{alertname=\"many\"}"
        ),
        LiveVector(
            labels: [
                "alertname": "q2", "cr": "a\u{d}b\u{9}c\u{b}d\u{c}e\u{8}f", "ctl": "x\u{7}y", "del": "a\u{7f}b",
                "e": "\u{1f600}", "ls": "\u{2028}", "nl": "l1\u{a}l2", "q": "say \"hi\" \\ back", "tag": "\u{e0001}",
                "team": "x\"y", "u": "\u{65e5}\u{672c}", "v": "a\u{a0}b", "zone": "z", "zw": "a\u{200b}b",
            ],
            fingerprint: "4777c3b00f5776d7",
            alertHash: 0x6accf9cf16c0dd5e,
            route: .zone,
            groupKey:
                "{}/{team=\"x\\\"y\"}/{zone!~\"eu.*\"}:{alertname=\"q2\", cr=\"a\\rb\\tc\\vd\\fe\\bf\", ctl=\"x\\ay\", del=\"a\\x7fb\", e=\"\u{1f600}\", ls=\"\\u2028\", nl=\"l1\\nl2\", q=\"say \\\"hi\\\" \\\\ back\", tag=\"\\U000e0001\", team=\"x\\\"y\", u=\"\u{65e5}\u{672c}\", v=\"a\\u00a0b\", zone=\"z\", zw=\"a\\u200bb\"}"
        ),
        LiveVector(
            labels: [
                "alertname": "uni", "cf": "\u{ad}", "nel": "\u{85}", "pua": "\u{e000}", "team": "x\"y",
                "u12": "\u{1fa70}", "u13": "\u{1fad6}", "u14": "\u{1fae0}", "u15": "\u{1fae8}",
                "unassigned": "\u{1faff}", "zone": "z",
            ],
            fingerprint: "804dd0fccdb29fea",
            alertHash: 0x4f01fa9160885462,
            route: .zone,
            groupKey:
                "{}/{team=\"x\\\"y\"}/{zone!~\"eu.*\"}:{alertname=\"uni\", cf=\"\\u00ad\", nel=\"\\u0085\", pua=\"\\ue000\", team=\"x\\\"y\", u12=\"\u{1fa70}\", u13=\"\u{1fad6}\", u14=\"\\U0001fae0\", u15=\"\\U0001fae8\", unassigned=\"\\U0001faff\", zone=\"z\"}"
        ),
    ]
}
