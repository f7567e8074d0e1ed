/// The version every executable reports (`--version`, logs, and later `/api/v2/status`).
public enum TocsinVersion {
    public static let version = "0.1.0"
    /// Alertmanager's API and behaviour this release is compatible with.
    public static let alertmanagerCompatibility = "0.25.0"

    public static var description: String {
        "(version=\(version), compatible=alertmanager-\(alertmanagerCompatibility))"
    }
}
