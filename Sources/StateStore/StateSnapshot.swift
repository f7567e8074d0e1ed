import TocsinModel

/// Everything the store holds at one version: what a new subscriber loads before applying the changes
/// with a higher version.
public struct StateSnapshot: Sendable {
    /// The version of the last change included.
    public var version: UInt64
    /// Every silence, by id.
    public var silences: [String: StoredSilence]
    /// Every nflog entry, by state key.
    public var notifications: [String: StoredNotification]
    /// Every alert, by fingerprint.
    public var alerts: [Fingerprint: Alert]
}
