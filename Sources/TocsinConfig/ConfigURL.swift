import TocsinModel
/// A URL from alertmanager.yml, split the way Go's `net/url` splits it.
///
/// Alertmanager's `config.URL` only accepts `http`/`https` URLs with a host; `common/config.URL`
/// (`proxy_url`) accepts anything `url.Parse` accepts. Both are parsed here, and the text prints back the
/// way Go's `URL.String()` does for the URLs people write, so `config.original` matches.
public struct ConfigURL: Sendable, Hashable, CustomStringConvertible {
    /// The scheme, lower-cased (`https`).
    public var scheme: String
    /// The user info before `@`, if any, as written.
    public var user: String?
    /// The host with its port (`example.com:8080`).
    public var host: String
    /// The path, as written (`/v2/enqueue`).
    public var path: String
    /// The query after `?`, if any.
    public var query: String?
    /// The fragment after `#`, if any.
    public var fragment: String?
    /// For URLs without `//` (`mailto:x`), the opaque part.
    public var opaque: String?

    /// Parses any URL `url.Parse` would accept (for `proxy_url`); errors read like Go's.
    public init(parsingAny text: String) throws(ConfigError) {
        func fail(_ reason: String) -> ConfigError { ConfigError("parse \(GoQuote.quote(text)): \(reason)") }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw fail("net/url: invalid control character in URL")
        }
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        } else {
            fragment = nil
        }
        scheme = ""
        if let colon = rest.firstIndex(of: ":") {
            let candidate = rest[..<colon]
            let valid = candidate.first.map { $0.isLetter && $0.isASCII } ?? false
                && candidate.allSatisfy { ($0.isLetter || $0.isNumber) && $0.isASCII || "+-.".contains($0) }
            if valid {
                scheme = candidate.lowercased()
                rest = rest[rest.index(after: colon)...]
            } else if candidate.isEmpty {
                throw fail("missing protocol scheme")
            }
        }
        if scheme.isEmpty, !rest.hasPrefix("/"), let colon = rest.firstIndex(of: ":"),
            !rest[..<colon].contains("/")
        {
            throw fail("first path segment in URL cannot contain colon")
        }
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        } else {
            query = nil
        }
        user = nil
        host = ""
        opaque = nil
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            rest = rest[authorityEnd...]
            if let at = authority.lastIndex(of: "@") {
                user = String(authority[..<at])
                authority = authority[authority.index(after: at)...]
            }
            if let bad = authority.first(where: { " <>\"`{}|\\^".contains($0) }) {
                throw fail("invalid character \(GoQuote.quote(String(bad))) in host name")
            }
            if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
                let port = authority[authority.index(after: colon)...]
                if !port.allSatisfy(\.isNumber) {
                    throw fail("invalid port \(GoQuote.quote(":" + port)) after host")
                }
            }
            host = String(authority)
        } else if !scheme.isEmpty, !rest.hasPrefix("/") {
            opaque = String(rest)
            rest = ""
        }
        path = String(rest)
    }

    /// Parses a URL for Alertmanager's `config.URL`: it must be `http`/`https` and have a host
    /// (`unsupported scheme "ftp" for URL`, `missing host for URL`).
    public init(parsingHTTP text: String) throws(ConfigError) {
        try self.init(parsingAny: text)
        if scheme != "http" && scheme != "https" {
            throw ConfigError("unsupported scheme \(GoQuote.quote(scheme)) for URL")
        }
        if host.isEmpty { throw ConfigError("missing host for URL") }
    }

    /// The URL as text, as Go's `URL.String()` prints it.
    public var description: String {
        var text = ""
        if !scheme.isEmpty { text += scheme + ":" }
        if let opaque {
            text += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || user != nil {
                text += "//"
                if let user { text += user + "@" }
                text += host
            }
            if !path.isEmpty, !path.hasPrefix("/"), !host.isEmpty { text += "/" }
            text += path
        }
        if let query { text += "?" + query }
        if let fragment { text += "#" + fragment }
        return text
    }

    /// The text with any password replaced by `xxxxx`, as `common/config.URL` marshals `proxy_url`.
    public var redacted: String {
        guard let user, let colon = user.firstIndex(of: ":") else { return description }
        var copy = self
        copy.user = String(user[..<colon]) + ":xxxxx"
        return copy.description
    }

    /// A copy whose path ends in `/`, as Alertmanager makes OpsGenie, WeChat and VictorOps API URLs.
    func withTrailingSlash() -> ConfigURL {
        var copy = self
        if !copy.path.hasSuffix("/") { copy.path += "/" }
        return copy
    }
}
