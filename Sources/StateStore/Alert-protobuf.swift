import TocsinWire
import Foundation
import SwiftProtobuf
import TocsinModel

extension Alert {
    /// The model alert stored in an alerts snapshot or log record.
    init(protobuf: Tocsin_State_V1_StoredAlert) {
        self.init(
            labels: LabelSet(pairs: protobuf.labels.map { ($0.name, $0.value) }),
            annotations: LabelSet(pairs: protobuf.annotations.map { ($0.name, $0.value) }),
            startsAt: protobuf.hasStartsAt ? GoTimestamp(has: true, protobuf.startsAt).date : nil,
            endsAt: protobuf.hasEndsAt ? GoTimestamp(has: true, protobuf.endsAt).date : nil,
            generatorURL: protobuf.generatorURL,
            updatedAt: protobuf.hasUpdatedAt ? GoTimestamp(has: true, protobuf.updatedAt).date : nil,
            timeout: protobuf.timeout)
    }

    /// The stored form; an unset time stays absent.
    var protobuf: Tocsin_State_V1_StoredAlert {
        var message = Tocsin_State_V1_StoredAlert()
        message.labels = labels.map { label in
            var stored = Tocsin_State_V1_Label()
            stored.name = label.name
            stored.value = label.value
            return stored
        }
        message.annotations = annotations.map { label in
            var stored = Tocsin_State_V1_Label()
            stored.name = label.name
            stored.value = label.value
            return stored
        }
        if let startsAt {
            message.startsAt = GoTimestamp(startsAt).protobuf
        }
        if let endsAt {
            message.endsAt = GoTimestamp(endsAt).protobuf
        }
        message.generatorURL = generatorURL
        if let updatedAt {
            message.updatedAt = GoTimestamp(updatedAt).protobuf
        }
        message.timeout = timeout
        return message
    }

    /// True when `newer` differs from this alert only by a later (or equal) `endsAt` and its `updatedAt`,
    /// and both are firing at `now`: a re-sent firing alert, which the store persists lazily.
    func isRefresh(_ newer: Alert, at now: Date) -> Bool {
        guard !isResolved(at: now), !newer.isResolved(at: now),
            let oldEnd = endsAt, let newEnd = newer.endsAt, newEnd >= oldEnd
        else {
            return false
        }
        var comparable = newer
        comparable.endsAt = endsAt
        comparable.updatedAt = updatedAt
        return comparable == self
    }
}
