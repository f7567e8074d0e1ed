/// Whether an alert is firing or resolved at some instant; raw values are the API's `status` strings.
public enum AlertStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Not resolved yet.
    case firing
    /// `endsAt` is set and not in the future.
    case resolved
}
