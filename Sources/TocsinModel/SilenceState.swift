/// Where a silence is in its life at some instant; raw values are the API's `status.state` strings.
public enum SilenceState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Past `endsAt`.
    case expired
    /// Between `startsAt` and `endsAt`, both included.
    case active
    /// Before `startsAt`.
    case pending
}
