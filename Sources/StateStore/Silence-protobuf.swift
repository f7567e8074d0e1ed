import TocsinWire
import Foundation
import SwiftProtobuf
import TocsinModel

extension Silence {
    /// The model form of a silencepb `Silence`; nil when a matcher has an unknown type or does not compile.
    init?(protobuf: Silencepb_Silence) {
        var matchers: [Matcher] = []
        for matcher in protobuf.matchers {
            guard let type = MatchType(protobuf: matcher.type),
                let converted = try? Matcher(name: matcher.name, type: type, value: matcher.pattern)
            else {
                return nil
            }
            matchers.append(converted)
        }
        self.init(
            id: protobuf.id,
            matchers: Matchers(matchers),
            startsAt: GoTimestamp(has: protobuf.hasStartsAt, protobuf.startsAt).date,
            endsAt: GoTimestamp(has: protobuf.hasEndsAt, protobuf.endsAt).date,
            updatedAt: GoTimestamp(has: protobuf.hasUpdatedAt, protobuf.updatedAt).date,
            createdBy: protobuf.createdBy,
            comment: protobuf.comment)
    }

    /// The silencepb form, every timestamp set (Go always encodes them).
    var protobuf: Silencepb_Silence {
        var message = Silencepb_Silence()
        message.id = id
        message.matchers = matchers.map(\.protobuf)
        message.startsAt = GoTimestamp(startsAt).protobuf
        message.endsAt = GoTimestamp(endsAt).protobuf
        message.updatedAt = GoTimestamp(updatedAt).protobuf
        message.createdBy = createdBy
        message.comment = comment
        return message
    }
}

extension Matcher {
    /// The silencepb form.
    var protobuf: Silencepb_Matcher {
        var message = Silencepb_Matcher()
        message.name = name
        message.pattern = value
        message.type = type.protobuf
        return message
    }
}

extension MatchType {
    /// The model type of a silencepb matcher type (whose numbering differs: `=~` is 1 there, `!=` is 2).
    init?(protobuf: Silencepb_Matcher.TypeEnum) {
        switch protobuf {
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        case .regexp: self = .regexp
        case .notRegexp: self = .notRegexp
        case .UNRECOGNIZED: return nil
        }
    }

    /// The silencepb matcher type.
    var protobuf: Silencepb_Matcher.TypeEnum {
        switch self {
        case .equal: .equal
        case .notEqual: .notEqual
        case .regexp: .regexp
        case .notRegexp: .notRegexp
        }
    }
}
