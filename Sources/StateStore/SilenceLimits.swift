/// Caps on silences, as later Alertmanager versions offer them (`--silences.max-silences`,
/// `--silences.max-silence-size-bytes`); 0.25 has none, so both default to 0, meaning unlimited.
public struct SilenceLimits: Sendable, Hashable {
    /// Most silences held, expired ones included; 0 is unlimited.
    public var maxSilences: Int
    /// Largest encoded `MeshSilence` in bytes; 0 is unlimited.
    public var maxSilenceSizeBytes: Int

    /// Limits with the given values (0 = unlimited).
    public init(maxSilences: Int = 0, maxSilenceSizeBytes: Int = 0) {
        self.maxSilences = maxSilences
        self.maxSilenceSizeBytes = maxSilenceSizeBytes
    }
}
