import Curl
import Foundation

/// One STS `AssumeRole` call, as aws-sdk-go v1's `stscreds.NewCredentials` makes it for an SNS config
/// with `sigv4.role_arn`: a query-protocol POST (`Action=AssumeRole`, `Version=2011-06-15`, the role,
/// a session named after the UTC time in nanoseconds, 900 seconds) signed with SigV4 by the base
/// credentials, to the endpoint aws-sdk-go resolves for the region.
///
/// The call goes over a default transport, not the receiver's `http_config`: Alertmanager gives its
/// HTTP client to the SNS client only, and the STS client has the session's default one, which also asks
/// for gzip. Unlike that client, no proxy (`HTTPS_PROXY`) or CA bundle (`AWS_CA_BUNDLE`) is taken from the
/// environment.
struct STSAssumeRole: Sendable {
    /// Where the call goes and the region its signature is scoped to.
    struct Endpoint: Sendable, Hashable {
        /// Scheme, authority and path, e.g. `https://sts.amazonaws.com/`.
        var url: String
        var signingRegion: String

        /// aws-sdk-go v1's resolution with its default `legacy` STS endpoints setting: the regions that
        /// existed when regional endpoints came use the global `sts.amazonaws.com` (scoped to
        /// us-east-1), the others and every region when `AWS_STS_REGIONAL_ENDPOINTS=regional` their
        /// own `sts.<region>.<partition DNS suffix>`.
        static func forRegion(_ region: String, environment: [String: String]) -> Endpoint {
            let regional = environment["AWS_STS_REGIONAL_ENDPOINTS"]?.lowercased() == "regional"
            if !regional && Self.legacyGlobalRegions.contains(region) {
                return Endpoint(url: "https://sts.amazonaws.com/", signingRegion: "us-east-1")
            }
            let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
            return Endpoint(url: "https://sts.\(region).\(suffix)/", signingRegion: region)
        }

        /// aws-sdk-go's `legacyGlobalRegions["sts"]`.
        static let legacyGlobalRegions: Set<String> = [
            "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-north-1",
            "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        ]
    }

    /// Temporary credentials and when STS said they expire.
    struct Session: Sendable, Equatable {
        var credentials: AWSCredentials
        var expiration: Date
    }

    /// aws-sdk-go's `stscreds.DefaultDuration`, 15 minutes, the shortest STS allows.
    static let durationSeconds = 900

    var roleARN: String
    var base: AWSCredentials
    var endpoint: Endpoint

    /// The signed request at `now`; `sessionName` defaults to aws-sdk-go's `UnixNano` of `now`.
    func request(at now: Date, sessionName: String? = nil) -> HTTPRequest {
        let name = sessionName ?? String(Int64((now.timeIntervalSince1970 * 1e9).rounded()))
        let parameters = [
            ("Action", "AssumeRole"), ("DurationSeconds", String(Self.durationSeconds)), ("RoleArn", self.roleARN),
            ("RoleSessionName", name), ("Version", "2011-06-15"),
        ]
        let body = Array(
            parameters.map { "\(GoURLEncoding.queryEscape($0.0))=\(GoURLEncoding.queryEscape($0.1))" }.joined(separator: "&").utf8)
        let (base, host, path) = SNSIntegration.target(endpoint: self.endpoint.url, region: self.endpoint.signingRegion)
        let contentType = "application/x-www-form-urlencoded; charset=utf-8"
        let signer = SigV4Signer(credentials: self.base, region: self.endpoint.signingRegion, service: "sts")
        let signature = signer.sign(
            method: "POST", path: path, headers: ["content-length": String(body.count), "content-type": contentType, "host": host],
            body: body, at: now)
        var headers: HTTPHeaders = ["User-Agent": IntegrationHTTP.awsSDKUserAgent, "Content-Type": contentType]
        for (name, value) in signature { headers.add(name: name, value: value) }
        return HTTPRequest(method: "POST", url: base + path, headers: headers, body: body)
    }

    /// Assumes the role: the temporary credentials, or the error Alertmanager reports (an AWS error
    /// answer as `unexpected status code N: <Message>`, retried for 5xx; transport errors retried).
    func assume(environment: IntegrationEnvironment, deadline: Date) async throws(IntegrationError) -> Session {
        let request = self.request(at: environment.clock.now())
        let response = try await IntegrationHTTP(environment: environment).send(
            request, options: TransportOptions(acceptsGzip: true), deadline: deadline, errorText: .plain)
        if response.status / 100 != 2 {
            let message = SNSIntegration.errorMessage(in: response.body)
            throw StatusRetrier().error(status: response.status, body: Array(message.utf8))
                ?? IntegrationError("STS AssumeRole answered \(response.status)", isRetryable: true)
        }
        return try Self.session(in: response.body)
    }

    /// The credentials of an `AssumeRoleResponse`.
    static func session(in body: [UInt8]) throws(IntegrationError) -> Session {
        let xml = String(decoding: body, as: UTF8.self)
        guard let credentials = AWSQueryXML.inner("Credentials", in: xml).map(String.init),
            let access = AWSQueryXML.element("AccessKeyId", in: credentials),
            let secret = AWSQueryXML.element("SecretAccessKey", in: credentials),
            let token = AWSQueryXML.element("SessionToken", in: credentials),
            let stamp = AWSQueryXML.element("Expiration", in: credentials),
            let expiration = Self.date(stamp), !access.isEmpty, !secret.isEmpty
        else {
            throw IntegrationError(
                "STS AssumeRole answer has no complete Credentials (AccessKeyId, SecretAccessKey, SessionToken, Expiration): \(xml.prefix(200))",
                isRetryable: true)
        }
        return Session(credentials: AWSCredentials(accessKey: access, secretKey: secret, sessionToken: token), expiration: expiration)
    }

    /// An ISO 8601 UTC time, with or without fractional seconds (`2026-11-25T10:15:00Z`).
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
