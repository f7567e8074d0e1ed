import Curl
import Foundation
import TocsinConfig

/// Sends one integration request over the receiver's `http_config` and turns transport failures into
/// Alertmanager's answer: every client error is retried (`return true, err`).
struct IntegrationHTTP {
    let environment: IntegrationEnvironment

    /// How a transport error is worded.
    enum ErrorText {
        /// Go's `url.Error` text as is: `Post "https://host/path": reason`.
        case plain
        /// `notify.RedactURL`: the URL replaced by `<redacted>`, for URLs that carry secrets.
        case redacted
        /// `prefix: ` before the plain text (`errors.Wrap`).
        case wrapped(String)
    }

    /// Performs `request` (its timeout set from `deadline`) with the transport `httpConfig` describes.
    func send(
        _ request: HTTPRequest, httpConfig: HTTPClientConfig?, deadline: Date, errorText: ErrorText
    ) async throws(IntegrationError) -> HTTPResponse {
        try await self.send(request, options: try TransportOptions(httpConfig: httpConfig), deadline: deadline, errorText: errorText)
    }

    /// Performs `request` (its timeout set from `deadline`) with `options`.
    func send(
        _ request: HTTPRequest, options: TransportOptions, deadline: Date, errorText: ErrorText
    ) async throws(IntegrationError) -> HTTPResponse {
        var request = request
        request.timeout = self.environment.timeout(until: deadline)
        do {
            return try await self.environment.client.perform(request, options: options)
        } catch let error as CurlError {
            throw IntegrationError(Self.text(of: error, as: errorText), isRetryable: error.isRetryable)
        } catch {
            throw IntegrationError("\(error)", isRetryable: true)
        }
    }

    /// Sends `request` and checks the answer with `retrier`: what most integrations do per notification.
    func deliver(
        _ request: HTTPRequest, httpConfig: HTTPClientConfig?, deadline: Date, errorText: ErrorText = .redacted,
        retrier: StatusRetrier = StatusRetrier()
    ) async throws(IntegrationError) {
        let response = try await self.send(request, httpConfig: httpConfig, deadline: deadline, errorText: errorText)
        try retrier.check(response)
    }

    static func text(of error: CurlError, as errorText: ErrorText) -> String {
        switch errorText {
        case .plain:
            return error.description
        case .wrapped(let prefix):
            return "\(prefix): \(error.description)"
        case .redacted:
            guard let quote = error.operation.firstIndex(of: "\"") else { return error.message }
            return "\(error.operation[..<quote])\"<redacted>\": \(error.message)"
        }
    }

    /// Headers Alertmanager's `notify.PostJSON` sends.
    static let jsonHeaders: HTTPHeaders = ["User-Agent": userAgent, "Content-Type": "application/json"]

    /// `User-Agent` of Alertmanager's own requests.
    static let userAgent = "Alertmanager/0.25.0"

    /// `User-Agent` of requests Alertmanager leaves to Go's `net/http` default (Telegram's telebot client).
    static let goUserAgent = "Go-http-client/1.1"

    /// `User-Agent` of aws-sdk-go v1 (SNS Publish, STS AssumeRole): `aws-sdk-go/<SDKVersion> (<Go
    /// version>; <GOOS>; <GOARCH>)`. The version is the one real Alertmanager 0.25.0 as packaged
    /// (Debian's build, the oracle of the tests, go1.19.8) sends: 1.44.133. Upstream's release binary
    /// pins 1.44.156 in go.mod and was built with another Go; only this header would differ.
    static let awsSDKUserAgent = "aws-sdk-go/1.44.133 (go1.19.8; linux; \(goArch))"

    /// Go's `GOARCH` of this machine, which aws-sdk-go's `User-Agent` names.
    static var goArch: String {
        #if arch(x86_64)
            "amd64"
        #elseif arch(arm64)
            "arm64"
        #elseif arch(i386)
            "386"
        #elseif arch(arm)
            "arm"
        #elseif arch(powerpc64le)
            "ppc64le"
        #elseif arch(s390x)
            "s390x"
        #else
            "unknown"
        #endif
    }
}
