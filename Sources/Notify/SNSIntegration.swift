import Curl
import Foundation
import TocsinConfig

/// An `sns_configs` entry (notify/sns/sns.go, through aws-sdk-go): an SNS `Publish` call, form-encoded
/// and signed with AWS SigV4, to `api_url` or the region's endpoint.
///
/// The message is cut at 256 KiB (1600 bytes for SMS) and then carries the attribute `truncated=true`; a
/// FIFO topic (`.fifo`) gets the group key's SHA-256 as deduplication and group id. 2xx is success; other
/// codes give `unexpected status code N: <AWS message>`, retried for 5xx; every other error is retried.
/// The `User-Agent` is aws-sdk-go's (`IntegrationHTTP.awsSDKUserAgent`). With `sigv4.role_arn` the call
/// is signed with the temporary credentials of STS `AssumeRole` (`STSAssumeRole`). Differences,
/// documented: aws-sdk-go's own in-call retries of throttled and 5xx answers are left to the notification
/// retry, and assumed-role credentials are reused across notifications until a minute before they expire.
public struct SNSIntegration: Integration {
    public let name = "sns"
    public let index: Int
    public let config: SNSConfig
    let environment: IntegrationEnvironment
    let processEnvironment: [String: String]
    /// The STS endpoint for `role_arn`, set by tests only: Alertmanager has no config key for it.
    var stsEndpoint: STSAssumeRole.Endpoint?

    /// The integration for `config`; credentials and region not in the config come from
    /// `processEnvironment` (and the shared credentials file), as aws-sdk-go finds them.
    public init(
        config: SNSConfig, index: Int, environment: IntegrationEnvironment,
        processEnvironment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.config = config
        self.index = index
        self.environment = environment
        self.processEnvironment = processEnvironment
    }

    public var sendResolved: Bool { self.config.sendResolved }

    /// SNS' limit on a message, in bytes, and its limit for SMS.
    static let maxMessageBytes = 256 * 1024
    static let maxSMSBytes = 1600

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        let credentials = try await self.credentials(deadline: deadline)
        let request = try self.request(for: alerts, of: job, credentials: credentials)
        let response = try await IntegrationHTTP(environment: self.environment).send(
            request, httpConfig: self.config.httpConfig, deadline: deadline, errorText: .plain)
        if response.status / 100 == 2 { return }
        let message = Self.errorMessage(in: response.body)
        if let error = StatusRetrier().error(status: response.status, body: Array(message.utf8)) { throw error }
    }

    /// The region of the config, else `AWS_REGION`; an error when neither gives one.
    func region() throws(IntegrationError) -> String {
        let region = self.config.sigv4.region.isEmpty ? (self.processEnvironment["AWS_REGION"] ?? "") : self.config.sigv4.region
        if region.isEmpty {
            throw IntegrationError("region not configured in sns.sigv4.region or in default credentials chain", isRetryable: true)
        }
        return region
    }

    /// The credentials the Publish call is signed with: the configured or default ones, or with
    /// `sigv4.role_arn` the temporary credentials of the assumed role (from the notifier's cache while
    /// valid, else from STS).
    ///
    /// As Alertmanager does, the role is assumed with the config's `access_key`/`secret_key` only when
    /// `api_url` is set; without it, the STS call uses the default chain (environment, shared file).
    func credentials(deadline: Date) async throws(IntegrationError) -> AWSCredentials {
        let region = try self.region()
        let sigv4 = self.config.sigv4
        if sigv4.roleARN.isEmpty { return try AWSCredentials.resolve(sigv4, environment: self.processEnvironment) }
        var baseConfig = sigv4
        if self.config.apiURL.isEmpty {
            baseConfig.accessKey = ""
            baseConfig.secretKey = Secret("")
        }
        let base = try AWSCredentials.resolve(baseConfig, environment: self.processEnvironment)
        let endpoint = self.stsEndpoint ?? STSAssumeRole.Endpoint.forRegion(region, environment: self.processEnvironment)
        let key = AWSRoleCredentialsCache.Key(roleARN: sigv4.roleARN, base: base, endpoint: endpoint)
        if let cached = await self.environment.awsRoles.credentials(for: key, now: self.environment.clock.now()) { return cached }
        let session = try await STSAssumeRole(roleARN: sigv4.roleARN, base: base, endpoint: endpoint)
            .assume(environment: self.environment, deadline: deadline)
        await self.environment.awsRoles.store(session, for: key, now: self.environment.clock.now())
        return session.credentials
    }

    /// The signed request Alertmanager would send, signed at the clock's now with `credentials`
    /// (by default the configured or default ones; see `credentials(deadline:)` for roles).
    public func request(
        for alerts: [NotifiedAlert], of job: NotificationJob, credentials: AWSCredentials? = nil
    ) throws(IntegrationError) -> HTTPRequest {
        let render = self.environment.rendering(alerts, of: job)
        let region = try self.region()
        let signing: AWSCredentials
        if let credentials {
            signing = credentials
        } else {
            signing = try AWSCredentials.resolve(self.config.sigv4, environment: self.processEnvironment)
        }
        let endpoint: String
        let body: [UInt8]
        do {
            endpoint = try render.text(self.config.apiURL)
            body = try self.form(render, groupKeyHash: job.groupKeyHash)
        } catch let error as IntegrationError {
            throw error
        } catch {
            // Alertmanager loses template errors here and publishes empty texts; they are reported instead.
            throw IntegrationError("\(error)", isRetryable: false)
        }
        let (base, host, path) = Self.target(endpoint: endpoint, region: region)
        let contentType = "application/x-www-form-urlencoded; charset=utf-8"
        let signer = SigV4Signer(credentials: signing, region: region, service: "sns")
        let signature = signer.sign(
            method: "POST", path: path,
            headers: ["content-length": String(body.count), "content-type": contentType, "host": host], body: body,
            at: self.environment.clock.now())
        var headers: HTTPHeaders = ["User-Agent": IntegrationHTTP.awsSDKUserAgent, "Content-Type": contentType]
        for (name, value) in signature { headers.add(name: name, value: value) }
        return HTTPRequest(method: "POST", url: base + path, headers: headers, body: body)
    }

    /// The `Publish` parameters, form-encoded with keys sorted (aws-sdk-go's query protocol).
    func form(_ render: NotificationRendering, groupKeyHash: String) throws -> [UInt8] {
        let c = self.config
        var parameters: [(String, [UInt8])] = [("Action", Array("Publish".utf8)), ("Version", Array("2010-03-31".utf8))]
        var attributes: [String: String] = [:]
        for (key, value) in c.attributes.sorted(by: { $0.key < $1.key }) {
            attributes[try render.text(key)] = try render.text(value)
        }
        var limit = Self.maxMessageBytes
        if !c.topicARN.isEmpty {
            let topic = try render.text(c.topicARN)
            parameters.append(("TopicArn", Array(topic.utf8)))
            if topic.hasSuffix(".fifo") {
                parameters.append(("MessageDeduplicationId", Array(groupKeyHash.utf8)))
                parameters.append(("MessageGroupId", Array(groupKeyHash.utf8)))
            }
        }
        if !c.phoneNumber.isEmpty {
            parameters.append(("PhoneNumber", Array(try render.text(c.phoneNumber).utf8)))
            limit = Self.maxSMSBytes
        }
        if !c.targetARN.isEmpty { parameters.append(("TargetArn", Array(try render.text(c.targetARN).utf8))) }
        var message = Array(try render.text(c.message).utf8)
        if message.count > limit {
            // Cut at the byte limit as Alertmanager cuts it (even inside a character).
            message = Array(message.prefix(limit))
            attributes["truncated"] = "true"
        }
        parameters.append(("Message", message))
        if attributes.isEmpty {
            parameters.append(("MessageAttributes", []))
        } else {
            let names = attributes.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (number, name) in names.enumerated() {
                let prefix = "MessageAttributes.entry.\(number + 1)"
                parameters.append(("\(prefix).Name", Array(name.utf8)))
                parameters.append(("\(prefix).Value.DataType", Array("String".utf8)))
                parameters.append(("\(prefix).Value.StringValue", Array((attributes[name] ?? "").utf8)))
            }
        }
        if !c.subject.isEmpty { parameters.append(("Subject", Array(try render.text(c.subject).utf8))) }
        parameters.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        var out: [UInt8] = []
        for (index, (key, value)) in parameters.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            out += Array(GoURLEncoding.queryEscape(key).utf8)
            out.append(UInt8(ascii: "="))
            out += GoURLEncoding.queryEscape(bytes: value)
        }
        return out
    }

    /// The scheme and authority, the `Host` header and the path of the request: `endpoint` (https
    /// assumed when it has no scheme) or `https://sns.<region>.amazonaws.com`, with the operation's `/`.
    static func target(endpoint: String, region: String) -> (base: String, host: String, path: String) {
        var text = endpoint.isEmpty ? "https://sns.\(region).amazonaws.com" : endpoint
        if !text.contains("://") { text = "https://" + text }
        let scheme = String(text[..<text.range(of: "://")!.lowerBound]).lowercased()
        let rest = text[text.range(of: "://")!.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = String(rest[..<slash])
        var path = String(rest[slash...])
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        path = path.hasSuffix("/") ? path : path + "/"
        var host = authority
        if (scheme == "https" && host.hasSuffix(":443")) || (scheme == "http" && host.hasSuffix(":80")) {
            host = String(host[..<host.lastIndex(of: ":")!])
        }
        return ("\(scheme)://\(authority)", host, path)
    }

    /// The `<Message>` of an AWS error answer, or the body when it has none.
    static func errorMessage(in body: [UInt8]) -> String {
        let text = String(decoding: body, as: UTF8.self)
        return AWSQueryXML.element("Message", in: text) ?? text
    }
}
