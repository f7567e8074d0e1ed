import Logging

/// The line formats Alertmanager's `--log.format` offers.
public enum LogFormat: String, Sendable, CaseIterable {
    /// `ts=… caller=file:line level=info msg="…" key=value` (go-kit's logfmt).
    case logfmt
    /// One JSON object per line with the same keys, sorted.
    case json
}

/// The levels Alertmanager's `--log.level` offers, mapped onto swift-log's.
public enum LogLevel: String, Sendable, CaseIterable {
    case debug, info, warn, error

    /// The swift-log threshold this level lets through.
    public var threshold: Logger.Level {
        switch self {
        case .debug: return .debug
        case .info: return .info
        case .warn: return .warning
        case .error: return .error
        }
    }
}


extension Logger.Level {
    /// How Alertmanager spells the level in a log line.
    var alertmanagerName: String {
        switch self {
        case .trace, .debug: return "debug"
        case .info, .notice: return "info"
        case .warning: return "warn"
        case .error, .critical: return "error"
        }
    }
}
