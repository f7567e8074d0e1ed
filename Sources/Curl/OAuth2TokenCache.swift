import Foundation

/// The access tokens a client holds, one per set of client credentials, fetched when first needed and
/// again shortly before they expire (golang.org/x/oauth2 refreshes 10 s early), with one fetch at a time
/// per credentials however many requests wait for it.
actor OAuth2TokenCache {
    private struct Token {
        var value: String
        var type: String
        /// nil: the server gave no lifetime, so the token is used until a fetch is forced.
        var expiry: ContinuousClock.Instant?
    }

    /// How the client authenticates itself to the token endpoint. golang.org/x/oauth2 tries HTTP Basic first
    /// and, when that is refused, the credentials as form parameters, then remembers what worked.
    private enum AuthStyle {
        case header
        case parameters
    }

    private var tokens: [OAuth2ClientCredentials: Token] = [:]
    private var fetches: [OAuth2ClientCredentials: Task<(Token, AuthStyle), any Error>] = [:]
    private var styles: [String: AuthStyle] = [:]

    /// The `Authorization` value for `credentials`: `Bearer <token>` (the type as the server named it,
    /// with Go's capitalisation of bearer, mac and basic).
    func authorization(
        for credentials: OAuth2ClientCredentials, operation: String, using client: CurlClient
    ) async throws -> HTTPAuthorization {
        let token = try await self.token(for: credentials, operation: operation, using: client)
        return .authorization(type: token.type, credentials: token.value)
    }

    private func token(for credentials: OAuth2ClientCredentials, operation: String, using client: CurlClient) async throws -> Token {
        if let token = tokens[credentials], token.expiry.map({ ContinuousClock.now + .seconds(10) < $0 }) ?? true {
            return token
        }
        if let running = fetches[credentials] {
            return try await running.value.0
        }
        let style = styles[credentials.tokenURL]
        let fetch = Task { try await Self.fetch(credentials, style: style, operation: operation, using: client) }
        fetches[credentials] = fetch
        defer { fetches[credentials] = nil }
        let (token, used) = try await fetch.value
        tokens[credentials] = token
        styles[credentials.tokenURL] = used
        return token
    }

    private static func fetch(
        _ credentials: OAuth2ClientCredentials, style: AuthStyle?, operation: String, using client: CurlClient
    ) async throws -> (Token, AuthStyle) {
        if let style {
            return (try await request(credentials, style: style, operation: operation, using: client), style)
        }
        do {
            return (try await request(credentials, style: .header, operation: operation, using: client), .header)
        } catch let error as CurlError where error.kind == .authenticationFailed {
            // Refused with HTTP Basic: try the credentials in the body, as x/oauth2's auto-detection does.
            return (try await request(credentials, style: .parameters, operation: operation, using: client), .parameters)
        }
    }

    private static func request(
        _ credentials: OAuth2ClientCredentials, style: AuthStyle, operation: String, using client: CurlClient
    ) async throws -> Token {
        var form: [(String, String)] = [("grant_type", "client_credentials")]
        if !credentials.scopes.isEmpty {
            form.append(("scope", credentials.scopes.joined(separator: " ")))
        }
        form += credentials.endpointParameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var headers = HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")])
        switch style {
        case .header:
            let pair = "\(formEscaped(credentials.clientID)):\(formEscaped(credentials.clientSecret))"
            headers.add(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString())
        case .parameters:
            form += [("client_id", credentials.clientID), ("client_secret", credentials.clientSecret)]
        }
        let body = form.map { "\(formEscaped($0.0))=\(formEscaped($0.1))" }.joined(separator: "&")
        let response = try await client.perform(
            HTTPRequest(method: "POST", url: credentials.tokenURL, headers: headers, body: Array(body.utf8), timeout: .seconds(30)),
            options: TransportOptions(tls: credentials.tls, proxyURL: credentials.proxyURL))
        guard (200..<300).contains(response.status) else {
            throw CurlError(
                kind: .authenticationFailed,
                message: "oauth2: cannot fetch token: \(response.status)\nResponse: \(String(decoding: response.body, as: UTF8.self))",
                operation: operation, replyCode: response.status)
        }
        guard let token = parse(response), !token.value.isEmpty else {
            throw CurlError(kind: .protocolViolation, message: "oauth2: server response missing access_token", operation: operation)
        }
        return token
    }

    /// Reads a token response: JSON (RFC 6749 §5.1), or the form encoding some servers still answer with.
    private static func parse(_ response: HTTPResponse) -> Token? {
        var fields: [String: Any] = [:]
        if let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] {
            fields = object
        } else {
            for pair in String(decoding: response.body, as: UTF8.self).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
        }
        guard let value = fields["access_token"] as? String else { return nil }
        let lifetime: Double? = (fields["expires_in"] as? NSNumber)?.doubleValue ?? (fields["expires_in"] as? String).flatMap(Double.init)
        return Token(
            value: value, type: goTokenType(fields["token_type"] as? String ?? ""),
            expiry: lifetime.flatMap { $0 > 0 ? ContinuousClock.now + .seconds($0) : nil })
    }

    /// x/oauth2's `Token.Type()`: bearer, mac and basic capitalised as their schemes are, empty meaning Bearer.
    private static func goTokenType(_ type: String) -> String {
        switch type.lowercased() {
        case "", "bearer": return "Bearer"
        case "mac": return "MAC"
        case "basic": return "Basic"
        default: return type
        }
    }

    /// Go's `url.QueryEscape`: unreserved characters kept, space as `+`, everything else percent-encoded.
    private static func formEscaped(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            case UInt8(ascii: " "):
                out.append("+")
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded
            }
        }
        return out
    }
}

extension String {
    fileprivate var leftPadded: String { count < 2 ? "0" + self : self }
}
