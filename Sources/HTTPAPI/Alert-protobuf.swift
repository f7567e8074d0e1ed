import Foundation
import SwiftProtobuf
import TocsinModel
import TocsinWire

extension Alert {
    /// The alert as the state store and the notifier contract carry it (`StoredAlert`); an unset time stays
    /// absent, so a replay restores exactly what was stored.
    init(protobuf: Tocsin_State_V1_StoredAlert) {
        self.init(
            labels: LabelSet(pairs: protobuf.labels.map { ($0.name, $0.value) }),
            annotations: LabelSet(pairs: protobuf.annotations.map { ($0.name, $0.value) }),
            startsAt: protobuf.hasStartsAt ? protobuf.startsAt.date : nil,
            endsAt: protobuf.hasEndsAt ? protobuf.endsAt.date : nil,
            generatorURL: protobuf.generatorURL,
            updatedAt: protobuf.hasUpdatedAt ? protobuf.updatedAt.date : nil,
            timeout: protobuf.timeout
        )
    }

    /// The `StoredAlert` form of this alert.
    var protobuf: Tocsin_State_V1_StoredAlert {
        var message = Tocsin_State_V1_StoredAlert()
        message.labels = labels.map(Self.label)
        message.annotations = annotations.map(Self.label)
        if let startsAt { message.startsAt = Google_Protobuf_Timestamp(date: startsAt) }
        if let endsAt { message.endsAt = Google_Protobuf_Timestamp(date: endsAt) }
        message.generatorURL = generatorURL
        if let updatedAt { message.updatedAt = Google_Protobuf_Timestamp(date: updatedAt) }
        message.timeout = timeout
        return message
    }

    static func label(_ label: Label) -> Tocsin_State_V1_Label {
        var stored = Tocsin_State_V1_Label()
        stored.name = label.name
        stored.value = label.value
        return stored
    }
}
