import Foundation
import TocsinModel

/// The `gettableSilence` JSON of API v2 as Alertmanager 0.25 writes it (the gettable part's fields, then the
/// silence's, each sorted), with the API's state rule: pending before `startsAt`, active before `endsAt`,
/// expired from `endsAt` on (types.CalcSilenceState, which differs from the silencer's at exactly `endsAt`).
struct GettableSilence: Sendable {
    let silence: Silence
    let now: Date

    var state: SilenceState {
        if now < silence.startsAt { return .pending }
        if now < silence.endsAt { return .active }
        return .expired
    }

    var json: String {
        GoJSON.object([
            ("id", GoJSON.string(silence.id)),
            ("status", GoJSON.object([("state", GoJSON.string(state.rawValue))])),
            ("updatedAt", GoJSON.string(APITimestamp.format(silence.updatedAt))),
            ("comment", GoJSON.string(silence.comment)),
            ("createdBy", GoJSON.string(silence.createdBy)),
            ("endsAt", GoJSON.string(APITimestamp.format(silence.endsAt))),
            (
                "matchers",
                GoJSON.array(
                    silence.matchers.map { matcher in
                        GoJSON.object([
                            ("isEqual", String(matcher.type == .equal || matcher.type == .regexp)),
                            ("isRegex", String(matcher.type == .regexp || matcher.type == .notRegexp)),
                            ("name", GoJSON.string(matcher.name)),
                            ("value", GoJSON.string(matcher.value)),
                        ])
                    }
                )
            ),
            ("startsAt", GoJSON.string(APITimestamp.format(silence.startsAt))),
        ])
    }

    /// Alertmanager's listing order: active by end, then pending by start, then expired by end, latest first.
    static func listingOrder(_ lhs: GettableSilence, _ rhs: GettableSilence) -> Bool {
        let (left, right) = (lhs.state, rhs.state)
        if left != right { return rank(left) < rank(right) }
        switch left {
        case .active: return lhs.silence.endsAt < rhs.silence.endsAt
        case .pending: return lhs.silence.startsAt < rhs.silence.startsAt
        case .expired: return lhs.silence.endsAt > rhs.silence.endsAt
        }
    }

    private static func rank(_ state: SilenceState) -> Int {
        switch state {
        case .active: 0
        case .pending: 1
        case .expired: 2
        }
    }
}
