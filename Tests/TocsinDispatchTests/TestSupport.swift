import Foundation
import TocsinConfig
import TocsinModel

/// The instant `seconds` after the tests' epoch.
func at(_ seconds: Double) -> Date {
    Date(timeIntervalSince1970: 1_700_000_000 + seconds)
}

/// A config from YAML text; a test fails loudly if the text is invalid.
func loadConfig(_ text: String) throws -> AlertmanagerConfig {
    try AlertmanagerConfig.load(text)
}

/// A posted alert with the given labels and optional times (as seconds from the epoch).
func posted(_ labels: [String: String], start: Double? = nil, end: Double? = nil) -> Alert {
    Alert(labels: LabelSet(labels), startsAt: start.map(at), endsAt: end.map(at))
}

/// The alertnames of a job's alerts, in order.
func names(_ alerts: [Alert]) -> [String] {
    alerts.map { $0.labels.value(of: "alertname") }
}
