import Foundation

/// A silence: matchers that mute matching alerts between `startsAt` and `endsAt`.
///
/// Data only: storage, merge, expiry and the index live in the state store. `state(at:)` is Alertmanager's
/// `getState`, with both ends inclusive for `active`.
public struct Silence: Sendable, Hashable, Identifiable {
    /// The silence id (a UUID string for silences created by Alertmanager).
    public var id: String
    /// What the silence mutes: all must match.
    public var matchers: Matchers
    /// Start of the muting interval (inclusive).
    public var startsAt: Date
    /// End of the muting interval (inclusive).
    public var endsAt: Date
    /// Last change; decides which version wins a merge.
    public var updatedAt: Date
    /// Author as entered by the user.
    public var createdBy: String
    /// Free-text reason.
    public var comment: String

    /// A silence with the given fields; call `validate()` before accepting one from a client.
    public init(
        id: String,
        matchers: Matchers,
        startsAt: Date,
        endsAt: Date,
        updatedAt: Date,
        createdBy: String,
        comment: String
    ) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.comment = comment
    }

    /// Pending before `startsAt`, expired after `endsAt`, active otherwise (silence.go `getState`).
    public func state(at instant: Date) -> SilenceState {
        if instant < startsAt {
            return .pending
        }
        if instant > endsAt {
            return .expired
        }
        return .active
    }

    /// Whether this silence mutes an alert with `labels` at `instant`: active and every matcher matches.
    public func mutes(_ labels: LabelSet, at instant: Date) -> Bool {
        state(at: instant) == .active && matchers.matches(labels)
    }

    /// Checks the silence as silence.go `validateSilence` does, in its order (times are always set here, so
    /// the zero-timestamp checks cannot fail). Regex matchers are recompiled unanchored, as Alertmanager does,
    /// so a pattern valid only when anchored is still rejected.
    public func validate() throws(SilenceValidationError) {
        if id.isEmpty {
            throw .idMissing
        }
        if matchers.isEmpty {
            throw .noMatchers
        }
        var allMatchEmpty = true
        for (index, matcher) in matchers.enumerated() {
            if !LabelName.isValid(matcher.name) {
                throw .invalidMatcherName(index: index, name: matcher.name)
            }
            if matcher.type.isRegex {
                do {
                    _ = try GoRegex(matcher.value)
                } catch {
                    throw .invalidMatcherRegex(index: index, pattern: matcher.value, error: error)
                }
            }
            // Alertmanager counts only `=` and `=~` matchers as able to match the empty string here.
            let matchesEmpty =
                switch matcher.type {
                case .equal, .regexp: matcher.matches("")
                case .notEqual, .notRegexp: false
                }
            allMatchEmpty = allMatchEmpty && matchesEmpty
        }
        if allMatchEmpty {
            throw .allMatchersMatchEmpty
        }
        if endsAt < startsAt {
            throw .endBeforeStart
        }
    }
}
