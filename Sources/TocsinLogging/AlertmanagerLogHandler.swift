#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Logging

/// A swift-log handler that writes Alertmanager's log lines to standard error:
/// `ts=2026-11-25T00:34:32.550Z caller=main.go:241 level=info component=x msg="…" key=value`.
///
/// Logger-level metadata (set once, like go-kit's `log.With`, e.g. `component`) comes before `msg`;
/// metadata given with the call comes after it, as in Alertmanager. Each line is written with one call,
/// so lines from concurrent tasks never interleave.
public struct AlertmanagerLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let encoder: LogLineEncoder

    public init(format: LogFormat, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil) {
        self.encoder = LogLineEncoder(format: format)
        self.logLevel = level
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = self.encoder.encode(self.fields(for: event))
        line.append("\n")
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// The ordered fields of one line (exposed for tests).
    func fields(for event: LogEvent, now: Timestamp = .now()) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = [
            ("ts", now.rfc3339Milliseconds),
            ("caller", "\(Self.basename(event.file)):\(event.line)"),
            ("level", event.level.alertmanagerName),
        ]
        var context = self.metadata
        if let provided = self.metadataProvider?.get() {
            context.merge(provided) { _, new in new }
        }
        for key in context.keys.sorted() {
            fields.append((key, "\(context[key]!)"))
        }
        fields.append(("msg", "\(event.message)"))
        if let extra = event.metadata {
            for key in extra.keys.sorted() {
                fields.append((key, "\(extra[key]!)"))
            }
        }
        return fields
    }

    private static func basename(_ path: String) -> Substring {
        path.split(separator: "/").last ?? Substring(path)
    }
}

/// Installs Alertmanager-style logging for the whole process (call once, first thing in `main`).
public func bootstrapLogging(format: LogFormat, level: LogLevel) {
    LoggingSystem.bootstrap { _ in
        AlertmanagerLogHandler(format: format, level: level.threshold)
    }
}
