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
        var out = ""
        write(to: &out)
        return out
    }

    /// Appends the JSON to `out`: a list of 100k alerts is written into one buffer, not assembled from
    /// millions of small strings. Member names are constants that need no escaping.
    func write(to out: inout String) {
        out += #"{"annotations":"#
        GoJSON.append(alert.annotations, to: &out)
        out += #","endsAt":"#
        GoJSON.append(APITimestamp.format(alert.endsAt ?? Self.goZeroTime), to: &out)
        out += #","fingerprint":"#
        GoJSON.append(fingerprint.description, to: &out)
        out += #","receivers":["#
        for (index, receiver) in receivers.enumerated() {
            out += index == 0 ? #"{"name":"# : #",{"name":"#
            GoJSON.append(receiver, to: &out)
            out += "}"
        }
        out += #"],"startsAt":"#
        GoJSON.append(APITimestamp.format(alert.startsAt ?? Self.goZeroTime), to: &out)
        out += #","status":{"inhibitedBy":"#
        GoJSON.append(status.inhibitedBy, to: &out)
        out += #","silencedBy":"#
        GoJSON.append(status.silencedBy, to: &out)
        out += #","state":"#
        GoJSON.append(status.state.rawValue, to: &out)
        out += #"},"updatedAt":"#
        GoJSON.append(APITimestamp.format(alert.updatedAt ?? Self.goZeroTime), to: &out)
        if !alert.generatorURL.isEmpty {
            out += #","generatorURL":"#
            GoJSON.append(alert.generatorURL, to: &out)
        }
        out += #","labels":"#
        GoJSON.append(alert.labels, to: &out)
        out += "}"
    }

    /// Go's zero `time.Time`, which is what an unset time prints as.
    static let goZeroTime = Date(timeIntervalSince1970: -62_135_596_800)
}
