import Curl
import Foundation
import Logging
import Notify
import Synchronization
import TocsinConfig
import TocsinModel
import TocsinTemplate

/// Builds integrations from YAML snippets and runs them in-process.
enum IntegrationTestKit {
    /// The receiver `r` of a config whose only receiver is `r` with `yaml` as its body
    /// (e.g. `slack_configs:\n- api_url: ...`), indented by the caller as a receiver's keys.
    static func receiver(_ yaml: String, global: String = "") throws -> Receiver {
        let text = "global:\n  resolve_timeout: 5m\n\(global)route:\n  receiver: r\nreceivers:\n- name: r\n" + yaml
        let config = try AlertmanagerConfig.load(text)
        guard let receiver = config.receiver(named: "r") else { throw ConfigError("no receiver r") }
        return receiver
    }

    static func environment(client: CurlClient = CurlClient(), logger: Logger = Logger(label: "test")) throws -> IntegrationEnvironment {
        IntegrationEnvironment(
            client: client, externalURL: "http://am.example:9093", templates: try NotificationTemplates(), logger: logger)
    }

    /// A job of receiver `r` with `alerts`, the group key `{}:{alertname="A"}`.
    static func job(_ alerts: [NotifiedAlert]) -> NotificationJob {
        NotificationJob(
            id: "j", receiver: "r", groupKey: "{}:{alertname=\"A\"}", groupLabels: ["alertname": "A"], alerts: alerts,
            repeatInterval: .seconds(3600), deadline: Date().addingTimeInterval(20))
    }

    /// Notifies once, returning the error if any.
    static func send(_ integration: any Integration, _ alerts: [NotifiedAlert]) async -> IntegrationError? {
        let work = job(alerts)
        do {
            try await integration.notify(alerts, of: work, deadline: work.deadline)
            return nil
        } catch {
            return error
        }
    }

    static func text(_ request: HTTPRequest) -> String { String(decoding: request.body, as: UTF8.self) }
}

/// Keeps the lines a logger writes, to check Alertmanager's warning lines.
final class LogRecorder: Sendable {
    private let state = Mutex<[String]>([])

    var lines: [String] { self.state.withLock { $0 } }

    /// A logger writing here.
    var logger: Logger {
        Logger(label: "test") { _ in Handler(recorder: self) }
    }

    struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { self.metadata[key] }
            set { self.metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String,
            line: UInt
        ) {
            let fields = (metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            self.recorder.state.withLock { $0.append("level=\(level) msg=\"\(message)\" \(fields)") }
        }
    }
}
