import Curl
import Foundation
import TocsinConfig
import TocsinModel

/// A `pagerduty_configs` entry (notify/pagerduty/pagerduty.go): an Events API v2 event to `url` with a
/// `routing_key`, or a v1 event to PagerDuty's fixed v1 endpoint with a `service_key`.
///
/// The event is `trigger` while any alert fires and `resolve` once all are resolved, deduplicated by the
/// group key's SHA-256. Texts are cut at 1024 runes; an event over 512 KB loses its details. v2 retries
/// 429 and v1 retries 403 besides 5xx; a 400's JSON `message` and `errors` are put in the error.
public struct PagerdutyIntegration: Integration {
    public let name = "pagerduty"
    public let index: Int
    public let config: PagerdutyConfig
    let environment: IntegrationEnvironment

    /// The integration for `config`, the `index`-th PagerDuty config of its receiver.
    public init(config: PagerdutyConfig, index: Int, environment: IntegrationEnvironment) {
        self.config = config
        self.index = index
        self.environment = environment
    }

    public var sendResolved: Bool { self.config.sendResolved }

    /// The v1 endpoint, which the configuration cannot change (Alertmanager 0.25 ignores `url` for v1).
    public static let v1URL = "https://events.pagerduty.com/generic/2010-04-15/create_event.json"
    /// PagerDuty's limit on the v1 description and the v2 summary, in runes.
    static let maxDescriptionRunes = 1024
    /// PagerDuty's limit on an event's size, in bytes.
    static let maxEventSize = 512_000

    /// Whether this config uses the v1 API.
    var isV1: Bool { !self.config.serviceKey.isEmpty || !self.config.serviceKeyFile.isEmpty }

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        try await IntegrationHTTP(environment: self.environment).deliver(
            try self.request(for: alerts, of: job), httpConfig: self.config.httpConfig, deadline: deadline,
            errorText: .wrapped(self.isV1 ? "failed to post message to PagerDuty v1" : "failed to post message to PagerDuty"),
            retrier: StatusRetrier(retryCodes: self.isV1 ? [403] : [429], details: Self.errorDetails))
    }

    /// The request Alertmanager would send.
    public func request(for alerts: [NotifiedAlert], of job: NotificationJob) throws(IntegrationError) -> HTTPRequest {
        let render = self.environment.rendering(alerts, of: job)
        let eventType = render.status == "resolved" ? "resolve" : "trigger"
        var details: [String: String] = [:]
        for (key, value) in self.config.details.sorted(by: { $0.key < $1.key }) {
            do {
                details[key] = try render.text(value)
            } catch {
                throw IntegrationError("\(GoQuote.quote(key)): failed to template \(GoQuote.quote(value)): \(error)", isRetryable: false)
            }
        }
        var event =
            self.isV1
            ? try self.v1Event(render, eventType: eventType, key: job.groupKey, hash: job.groupKeyHash, details: details)
            : try self.v2Event(render, eventType: eventType, key: job.groupKey, hash: job.groupKeyHash, details: details)
        var body = event.encoded
        if body.count > Self.maxEventSize {
            let limit = Self.metricBytes(Self.maxEventSize)
            let removed = ["error": "Custom details have been removed because the original event exceeds the maximum size of \(limit)"]
            if self.isV1 { event.details = removed } else { event.payload?.customDetails = removed }
            self.environment.logger.warning(
                "Truncated Details because message of size \(Self.metricBytes(body.count)) exceeds limit \(limit)",
                metadata: ["integration": "\(self.name)"])
            body = event.encoded
        }
        let url = self.isV1 ? Self.v1URL : (self.config.url?.description ?? "")
        return HTTPRequest(method: "POST", url: url, headers: IntegrationHTTP.jsonHeaders, body: body)
    }

    private func v1Event(
        _ render: NotificationRendering, eventType: String, key: String, hash: String, details: [String: String]
    ) throws(IntegrationError) -> PagerdutyEvent {
        do {
            let (description, truncated) = Truncation.inRunes(try render.text(self.config.description), Self.maxDescriptionRunes)
            if truncated {
                self.environment.logger.warning(
                    "Truncated description",
                    metadata: ["integration": "\(self.name)", "key": "\(key)", "max_runes": "\(Self.maxDescriptionRunes)"])
            }
            let serviceKey: String
            do {
                serviceKey = try self.config.resolvedServiceKey()
            } catch {
                throw IntegrationError("failed to read service key from file: \(error)", isRetryable: false)
            }
            var event = PagerdutyEvent(eventAction: "")
            event.serviceKey = try render.text(serviceKey)
            event.eventType = eventType
            event.incidentKey = hash
            event.description = description
            event.details = details
            if eventType == "trigger" {
                event.client = try render.text(self.config.client)
                event.clientURL = try render.text(self.config.clientURL)
            }
            if event.serviceKey.isEmpty { throw IntegrationError("service key cannot be empty", isRetryable: false) }
            return event
        } catch let error as IntegrationError {
            throw error
        } catch {
            throw IntegrationError("failed to template PagerDuty v1 message: \(error)", isRetryable: false)
        }
    }

    private func v2Event(
        _ render: NotificationRendering, eventType: String, key: String, hash: String, details: [String: String]
    ) throws(IntegrationError) -> PagerdutyEvent {
        let c = self.config
        do {
            let (summary, truncated) = Truncation.inRunes(try render.text(c.description), Self.maxDescriptionRunes)
            if truncated {
                self.environment.logger.warning(
                    "Truncated summary",
                    metadata: ["integration": "\(self.name)", "key": "\(key)", "max_runes": "\(Self.maxDescriptionRunes)"])
            }
            let routingKey: String
            do {
                routingKey = try c.resolvedRoutingKey()
            } catch {
                throw IntegrationError("failed to read routing key from file: \(error)", isRetryable: false)
            }
            var event = PagerdutyEvent(eventAction: eventType)
            event.client = try render.text(c.client)
            event.clientURL = try render.text(c.clientURL)
            event.routingKey = try render.text(routingKey)
            event.dedupKey = hash
            event.payload = PagerdutyEvent.Payload(
                summary: summary,
                source: try render.text(c.source),
                severity: try render.text(c.severity.isEmpty ? "error" : c.severity),
                class: try render.text(c.class),
                component: try render.text(c.component),
                group: try render.text(c.group),
                customDetails: details)
            for image in c.images {
                let rendered = (src: try render.text(image.src), alt: try render.text(image.alt), href: try render.text(image.href))
                if !rendered.src.isEmpty { event.images.append(rendered) }
            }
            for link in c.links {
                let rendered = (href: try render.text(link.href), text: try render.text(link.text))
                if !rendered.href.isEmpty { event.links.append(rendered) }
            }
            if event.routingKey.isEmpty { throw IntegrationError("routing key cannot be empty", isRetryable: false) }
            return event
        } catch let error as IntegrationError {
            throw error
        } catch {
            throw IntegrationError("failed to template PagerDuty v2 message: \(error)", isRetryable: false)
        }
    }

    /// The details of a 400 answer: PagerDuty's `message: error,error` (nothing for other codes).
    static let errorDetails: @Sendable (Int, [UInt8]) -> String = { status, body in
        guard status == 400,
            let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        else { return "" }
        let message = object["message"] as? String ?? ""
        let errors = (object["errors"] as? [Any])?.compactMap { $0 as? String } ?? []
        return "\(message): \(errors.joined(separator: ","))"
    }

    /// A byte count as `alecthomas/units.MetricBytes` prints it: `512KB`, `600KB123B`.
    static func metricBytes(_ count: Int) -> String {
        let units = ["", "K", "M", "G", "T", "P", "E"]
        var parts: [String] = []
        var n = count
        for (i, unit) in units.enumerated() {
            if n % 1000 != 0 || (i == 0 && n == 0) { parts.insert("\(n % 1000)\(unit)B", at: 0) }
            n /= 1000
            if n == 0 { break }
        }
        return parts.joined()
    }
}

/// PagerDuty's event message, both API versions in one shape as Alertmanager encodes it.
struct PagerdutyEvent {
    struct Payload {
        var summary, source, severity, `class`, component, group: String
        var customDetails: [String: String]
    }

    var routingKey = "", serviceKey = "", dedupKey = "", incidentKey = "", eventType = "", description = ""
    var eventAction: String
    var payload: Payload?
    var client = "", clientURL = ""
    var details: [String: String] = [:]
    var images: [(src: String, alt: String, href: String)] = []
    var links: [(href: String, text: String)] = []

    /// The JSON text Alertmanager POSTs (`pagerDutyMessage`, its omitempty rules, trailing newline).
    var encoded: [UInt8] {
        var json = GoJSONWriter()
        json.beginObject()
        json.field("routing_key", self.routingKey, omitEmpty: true)
        json.field("service_key", self.serviceKey, omitEmpty: true)
        json.field("dedup_key", self.dedupKey, omitEmpty: true)
        json.field("incident_key", self.incidentKey, omitEmpty: true)
        json.field("event_type", self.eventType, omitEmpty: true)
        json.field("description", self.description, omitEmpty: true)
        json.field("event_action", self.eventAction)
        json.key("payload")
        if let payload = self.payload {
            json.beginObject()
            json.field("summary", payload.summary)
            json.field("source", payload.source)
            json.field("severity", payload.severity)
            json.field("class", payload.class, omitEmpty: true)
            json.field("component", payload.component, omitEmpty: true)
            json.field("group", payload.group, omitEmpty: true)
            if !payload.customDetails.isEmpty {
                json.key("custom_details")
                json.map(payload.customDetails)
            }
            json.endObject()
        } else {
            json.raw("null")
        }
        json.field("client", self.client, omitEmpty: true)
        json.field("client_url", self.clientURL, omitEmpty: true)
        if !self.details.isEmpty {
            json.key("details")
            json.map(self.details)
        }
        if !self.images.isEmpty {
            json.key("images")
            json.beginArray()
            for image in self.images {
                json.element()
                json.beginObject()
                json.field("src", image.src)
                json.field("alt", image.alt)
                json.field("href", image.href)
                json.endObject()
            }
            json.endArray()
        }
        if !self.links.isEmpty {
            json.key("links")
            json.beginArray()
            for link in self.links {
                json.element()
                json.beginObject()
                json.field("href", link.href)
                json.field("text", link.text)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
        return json.encoded
    }
}
