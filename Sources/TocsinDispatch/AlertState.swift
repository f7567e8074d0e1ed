/// An alert's state as the marker and the API report it; raw values are API v2's `status.state` strings.
public enum AlertState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Not yet looked at by the muting stages (no marker entry).
    case unprocessed
    /// Neither silenced nor inhibited.
    case active
    /// Silenced, inhibited, or both.
    case suppressed
}
