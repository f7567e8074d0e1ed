import Foundation
import SwiftProtobuf
import TocsinModel
import TocsinWire

extension Silence {
    /// The model form of a silencepb `Silence`; nil when a matcher has an unknown type or does not compile.
    init?(protobuf: Silencepb_Silence) {
        var matchers: [Matcher] = []
        for matcher in protobuf.matchers {
            let type: MatchType
            switch matcher.type {
            case .equal: type = .equal
            case .notEqual: type = .notEqual
            case .regexp: type = .regexp
            case .notRegexp: type = .notRegexp
            case .UNRECOGNIZED: return nil
            }
            guard let converted = try? Matcher(name: matcher.name, type: type, value: matcher.pattern) else { return nil }
            matchers.append(converted)
        }
        self.init(
            id: protobuf.id,
            matchers: Matchers(matchers),
            startsAt: protobuf.startsAt.date,
            endsAt: protobuf.endsAt.date,
            updatedAt: protobuf.updatedAt.date,
            createdBy: protobuf.createdBy,
            comment: protobuf.comment
        )
    }

    /// The silencepb form (silencepb numbers `=~` 1 and `!=` 2, unlike the model).
    var protobuf: Silencepb_Silence {
        var message = Silencepb_Silence()
        message.id = id
        message.matchers = matchers.map { matcher in
            var stored = Silencepb_Matcher()
            stored.name = matcher.name
            stored.pattern = matcher.value
            switch matcher.type {
            case .equal: stored.type = .equal
            case .notEqual: stored.type = .notEqual
            case .regexp: stored.type = .regexp
            case .notRegexp: stored.type = .notRegexp
            }
            return stored
        }
        message.startsAt = Google_Protobuf_Timestamp(date: startsAt)
        message.endsAt = Google_Protobuf_Timestamp(date: endsAt)
        message.updatedAt = Google_Protobuf_Timestamp(date: updatedAt)
        message.createdBy = createdBy
        message.comment = comment
        return message
    }
}
