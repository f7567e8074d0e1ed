import Curl
import Foundation

/// Alertmanager's `notify.Retrier`: 2xx succeeds, 5xx and the integration's extra codes are retried,
/// anything else fails for good. The error reads `unexpected status code N: details`, the details being
/// the body unless the integration words them itself.
struct StatusRetrier: Sendable {
    /// Codes retried besides 5xx (PagerDuty's 429 or 403, OpsGenie's 429).
    var retryCodes: [Int] = []
    /// The details for a failed status and its body; nil puts the whole body.
    var details: (@Sendable (Int, [UInt8]) -> String)?

    /// Throws the error for a response that is not 2xx.
    ///
    /// Improvement (documented): a retried 429 or 503 carrying `Retry-After` in seconds is not tried
    /// again before that; the classification itself is Alertmanager's.
    func check(_ response: HTTPResponse) throws(IntegrationError) {
        guard let error = self.error(status: response.status, body: response.body) else { return }
        var result = error
        if error.isRetryable, response.status == 429 || response.status == 503,
            let value = response.headers["Retry-After"], let seconds = Int64(value.trimmingCharacters(in: .whitespaces)),
            seconds >= 0
        {
            result.retryAfter = .seconds(seconds)
        }
        throw result
    }

    /// The error for `status` and `body`, nil for 2xx.
    func error(status: Int, body: [UInt8]) -> IntegrationError? {
        if status / 100 == 2 { return nil }
        let retry = status / 100 == 5 || self.retryCodes.contains(status)
        let details = self.details.map { $0(status, body) } ?? String(decoding: body, as: UTF8.self)
        let message = details.isEmpty ? "unexpected status code \(status)" : "unexpected status code \(status): \(details)"
        return IntegrationError(message, isRetryable: retry)
    }
}
