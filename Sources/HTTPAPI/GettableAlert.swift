import Foundation
import TocsinDispatch
import TocsinModel

/// The `gettableAlert` JSON of API v2, byte for byte as Alertmanager 0.25 writes it: go-swagger marshals the
/// `allOf` parts one after the other (the gettable fields sorted, then `generatorURL` (omitted when empty) and
/// `labels`), with times in UTC to the millisecond.
struct GettableAlert: Sendable {
    let alert: Alert
    let fingerprint: Fingerprint
    let status: AlertMarkerStatus
    let receivers: [String]

    /// The JSON of `alert`; `fingerprint` when the caller has it already (it is a hash of every label).
    init(alert: Alert, fingerprint: Fingerprint? = nil, status: AlertMarkerStatus, receivers: [String]) {
        self.alert = alert
        self.fingerprint = fingerprint ?? alert.fingerprint
        self.status = status
        self.receivers = receivers
    }

    var json: String {
        var members: [(String, String)] = [
            ("annotations", GoJSON.stringMap(alert.annotations.map { ($0.name, $0.value) })),
            ("endsAt", GoJSON.string(APITimestamp.format(alert.endsAt ?? Self.goZeroTime))),
            ("fingerprint", GoJSON.string(fingerprint.description)),
            ("receivers", GoJSON.array(receivers.map { GoJSON.object([("name", GoJSON.string($0))]) })),
            ("startsAt", GoJSON.string(APITimestamp.format(alert.startsAt ?? Self.goZeroTime))),
            (
                "status",
                GoJSON.object([
                    ("inhibitedBy", GoJSON.array(status.inhibitedBy.map(GoJSON.string))),
                    ("silencedBy", GoJSON.array(status.silencedBy.map(GoJSON.string))),
                    ("state", GoJSON.string(status.state.rawValue)),
                ])
            ),
            ("updatedAt", GoJSON.string(APITimestamp.format(alert.updatedAt ?? Self.goZeroTime))),
        ]
        if !alert.generatorURL.isEmpty {
            members.append(("generatorURL", GoJSON.string(alert.generatorURL)))
        }
        members.append(("labels", GoJSON.stringMap(alert.labels.map { ($0.name, $0.value) })))
        return GoJSON.object(members)
    }

    /// Go's zero `time.Time`, which is what an unset time prints as.
    static let goZeroTime = Date(timeIntervalSince1970: -62_135_596_800)
}
