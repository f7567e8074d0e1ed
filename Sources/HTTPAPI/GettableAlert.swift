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
        var buffer = JSONBuffer()
        write(to: &buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// Appends the JSON to `buffer`: a list of 100k alerts is written into one buffer, not assembled from
    /// millions of small strings. Member names are constants that need no escaping.
    func write(to buffer: inout JSONBuffer) {
        buffer.raw(#"{"annotations":"#)
        buffer.labels(alert.annotations)
        buffer.raw(#","endsAt":"#)
        buffer.timestamp(alert.endsAt ?? Self.goZeroTime)
        buffer.raw(#","fingerprint":"#)
        buffer.string(fingerprint.description)
        buffer.raw(#","receivers":["#)
        for (index, receiver) in receivers.enumerated() {
            buffer.raw(index == 0 ? #"{"name":"# : #",{"name":"#)
            buffer.string(receiver)
            buffer.raw("}")
        }
        buffer.raw(#"],"startsAt":"#)
        buffer.timestamp(alert.startsAt ?? Self.goZeroTime)
        buffer.raw(#","status":{"inhibitedBy":"#)
        buffer.strings(status.inhibitedBy)
        buffer.raw(#","silencedBy":"#)
        buffer.strings(status.silencedBy)
        buffer.raw(#","state":"#)
        buffer.string(status.state.rawValue)
        buffer.raw(#"},"updatedAt":"#)
        buffer.timestamp(alert.updatedAt ?? Self.goZeroTime)
        if !alert.generatorURL.isEmpty {
            buffer.raw(#","generatorURL":"#)
            buffer.string(alert.generatorURL)
        }
        buffer.raw(#","labels":"#)
        buffer.labels(alert.labels)
        buffer.raw("}")
    }

    /// Go's zero `time.Time`, which is what an unset time prints as.
    static let goZeroTime = Date(timeIntervalSince1970: -62_135_596_800)
}
