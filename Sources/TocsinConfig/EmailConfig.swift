import TocsinModel
import Yams

/// `email_configs`: sends mail through an SMTP smarthost.
///
/// Missing `smarthost`, `from`, `hello`, auth fields and `require_tls` come from the `smtp_*` globals when
/// the config is loaded (see `AlertmanagerConfig`), so a loaded email config is complete.
public struct EmailConfig: Sendable, Hashable {
    /// Whether resolved notifications are sent (default false).
    public var sendResolved = false
    /// Recipients (required; a template).
    public var to = ""
    /// Sender address.
    public var from = ""
    /// Name sent in HELO/EHLO.
    public var hello = ""
    /// The SMTP server.
    public var smarthost = HostPort(host: "", port: "")
    /// SMTP AUTH user name.
    public var authUsername = ""
    /// SMTP AUTH password.
    public var authPassword = Secret("")
    /// File holding the SMTP AUTH password.
    public var authPasswordFile = ""
    /// CRAM-MD5 secret.
    public var authSecret = Secret("")
    /// PLAIN identity.
    public var authIdentity = ""
    /// Extra headers, names canonicalised (`subject` becomes `Subject`).
    public var headers: [String: String] = [:]
    /// HTML body template.
    public var html = #"{{ template "email.default.html" . }}"#
    /// Text body template.
    public var text = ""
    /// Whether STARTTLS is required; filled from `smtp_require_tls` when unset.
    public var requireTLS: Bool?
    /// TLS settings for the SMTP connection.
    public var tlsConfig = TLSConfig()

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> EmailConfig {
        var c = EmailConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "send_resolved": c.sendResolved = d.bool(value, c.sendResolved)
                case "to": c.to = d.string(value, c.to)
                case "from": c.from = d.string(value, c.from)
                case "hello": c.hello = d.string(value, c.hello)
                case "smarthost":
                    if let text = d.customText(value) {
                        c.smarthost = try text.flatMap { (text) throws(ConfigError) in text.isEmpty ? nil : try HostPort(parsing: text) }
                            ?? HostPort(host: "", port: "")
                    }
                case "auth_username": c.authUsername = d.string(value, c.authUsername)
                case "auth_password": c.authPassword = d.secret(value, c.authPassword)
                case "auth_password_file": c.authPasswordFile = d.string(value, c.authPasswordFile)
                case "auth_secret": c.authSecret = d.secret(value, c.authSecret)
                case "auth_identity": c.authIdentity = d.string(value, c.authIdentity)
                case "headers": c.headers = d.stringMap(value, c.headers)
                case "html": c.html = d.string(value, c.html)
                case "text": c.text = d.string(value, c.text)
                case "require_tls": c.requireTLS = StrictDecoder.isNull(value) ? nil : d.bool(value) ?? c.requireTLS
                case "tls_config": c.tlsConfig = StrictDecoder.isNull(value) ? TLSConfig() : try TLSConfig.decode(value, d)
                default: return false
                }
                return true
            }
        }
        guard clean else { return c }
        if c.to.isEmpty { throw ConfigError("missing to address in email config") }
        var normalized: [String: String] = [:]
        // Go iterates maps in random order; sorting makes the reported duplicate deterministic.
        for name in c.headers.keys.sorted() {
            let canonical = canonicalMIMEHeaderKey(name)
            if normalized[canonical] != nil {
                throw ConfigError("duplicate header \(GoQuote.quote(canonical)) in email config")
            }
            normalized[canonical] = c.headers[name]
        }
        c.headers = normalized
        return c
    }

    /// The headers a message carries: the configured ones plus `Subject`, `To` and `From` defaults
    /// (`email.default.subject`, `to`, `from`), as Alertmanager's email integration fills them in.
    public var effectiveHeaders: [String: String] {
        var out = headers
        if out["Subject"] == nil { out["Subject"] = #"{{ template "email.default.subject" . }}"# }
        if out["To"] == nil { out["To"] = to }
        if out["From"] == nil { out["From"] = from }
        return out
    }

    /// Go's `textproto.CanonicalMIMEHeaderKey`: `content-type` becomes `Content-Type`; keys with
    /// characters not allowed in a header name are left as they are.
    static func canonicalMIMEHeaderKey(_ key: String) -> String {
        let allowed = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        guard key.allSatisfy({ allowed.contains($0) }) else { return key }
        var upper = true
        var out = ""
        for character in key {
            out += upper ? character.uppercased() : character.lowercased()
            upper = character == "-"
        }
        return out
    }

    /// `withDefaultHeaders`: Alertmanager builds the email integration of every receiver a route uses in
    /// place, adding the default headers to the same map that `config.original` prints.
    func rendered(withDefaultHeaders: Bool) -> YAMLRender {
        var out = YAMLRender()
        out.bool("send_resolved", sendResolved)
        out.string("to", to)
        out.string("from", from)
        out.string("hello", hello)
        out.string("smarthost", smarthost.description)
        out.string("auth_username", authUsername)
        out.secret("auth_password", authPassword)
        out.string("auth_password_file", authPasswordFile)
        out.secret("auth_secret", authSecret)
        out.string("auth_identity", authIdentity)
        out.stringMap("headers", withDefaultHeaders ? effectiveHeaders : headers)
        out.string("html", html)
        out.string("text", text)
        if let requireTLS { out.bool("require_tls", requireTLS) }
        if !tlsConfig.isZero { out.mapping("tls_config", tlsConfig.rendered) }
        return out
    }
}
