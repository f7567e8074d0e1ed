import Foundation
import Yams

/// The file `--web.config.file` names (prometheus/exporter-toolkit's web configuration, as Alertmanager 0.25
/// reads it): TLS for the HTTP server, HTTP Basic users with bcrypt password hashes, and a few response
/// headers. Unknown keys and invalid values are refused with exporter-toolkit's error texts.
public struct WebConfig: Sendable, Equatable {
    /// `tls_server_config`.
    public struct TLSServer: Sendable, Equatable {
        public var certFile = ""
        public var keyFile = ""
        public var clientAuthType = ""
        public var clientCAFile = ""
        public var cipherSuites: [String] = []
        public var curvePreferences: [String] = []
        /// `TLS10` ... `TLS13`; exporter-toolkit's defaults are TLS 1.2 to 1.3.
        public var minVersion = "TLS12"
        public var maxVersion = "TLS13"
        public var preferServerCipherSuites = true

        /// Whether TLS is configured at all (exporter-toolkit serves plain HTTP when none of these is set).
        public var isEnabled: Bool { !(certFile.isEmpty && keyFile.isEmpty && clientAuthType.isEmpty && clientCAFile.isEmpty) }
    }

    /// How the server treats client certificates (Go's `tls.ClientAuthType`).
    public enum ClientAuth: Sendable, Equatable {
        case none
        case request
        case requireAny
        case verifyIfGiven
        case requireAndVerify
    }

    public var tls = TLSServer()
    /// `http_server_config.http2` (default true).
    public var http2 = true
    /// `http_server_config.headers`: added to every response.
    public var headers: [String: String] = [:]
    /// `basic_auth_users`: user name → bcrypt hash. Empty: no authentication.
    public var users: [String: String] = [:]

    public init() {}

    /// The headers exporter-toolkit lets a web config set, with the values it accepts (nil: any).
    static let configurableHeaders: [String: [String]?] = [
        "Strict-Transport-Security": nil,
        "X-Content-Type-Options": ["nosniff"],
        "X-Frame-Options": ["deny", "sameorigin"],
        "X-XSS-Protection": nil,
        "Content-Security-Policy": nil,
    ]

    static let tlsVersions = ["TLS10", "TLS11", "TLS12", "TLS13"]
    static let curves = ["CurveP256", "CurveP384", "CurveP521", "X25519"]

    /// Reads and checks the file. Relative certificate paths are taken from the file's directory, as
    /// exporter-toolkit does.
    public static func load(file path: String) throws(ConfigError) -> WebConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError("open \(path): no such file or directory")
        }
        var config = try parse(text)
        let directory = (path as NSString).deletingLastPathComponent
        func join(_ file: String) -> String {
            file.isEmpty || file.hasPrefix("/") ? file : (directory.isEmpty ? file : directory + "/" + file)
        }
        config.tls.certFile = join(config.tls.certFile)
        config.tls.keyFile = join(config.tls.keyFile)
        config.tls.clientCAFile = join(config.tls.clientCAFile)
        return config
    }

    /// Parses the YAML and checks every value that can be checked without reading other files.
    public static func parse(_ text: String) throws(ConfigError) -> WebConfig {
        var config = WebConfig()
        guard let root = try StrictDecoder.parse(text), !StrictDecoder.isNull(root) else { return config }
        let decoder = StrictDecoder()
        var invalid: ConfigError?
        let clean = try decoder.decodeObject { () throws(ConfigError) in
            try decoder.fields(root, "web.Config") { (key, value) throws(ConfigError) in
                switch key {
                case "tls_server_config":
                    try decoder.fields(value, "web.TLSStruct") { (key, value) throws(ConfigError) in
                        switch key {
                        case "cert_file": config.tls.certFile = decoder.string(value, config.tls.certFile)
                        case "key_file": config.tls.keyFile = decoder.string(value, config.tls.keyFile)
                        case "client_auth_type": config.tls.clientAuthType = decoder.string(value, config.tls.clientAuthType)
                        case "client_ca_file": config.tls.clientCAFile = decoder.string(value, config.tls.clientCAFile)
                        case "cipher_suites": config.tls.cipherSuites = decoder.stringList(value, config.tls.cipherSuites)
                        case "curve_preferences":
                            config.tls.curvePreferences = decoder.stringList(value, config.tls.curvePreferences)
                            if invalid == nil, let unknown = config.tls.curvePreferences.first(where: { !curves.contains($0) }) {
                                invalid = ConfigError("unknown curve: \(unknown)")
                            }
                        case "min_version", "max_version":
                            let version = decoder.string(value) ?? ""
                            if invalid == nil, !tlsVersions.contains(version) {
                                invalid = ConfigError("unknown TLS version: \(version)")
                            }
                            if key == "min_version" { config.tls.minVersion = version } else { config.tls.maxVersion = version }
                        case "prefer_server_cipher_suites":
                            config.tls.preferServerCipherSuites = decoder.bool(value, config.tls.preferServerCipherSuites)
                        default: return false
                        }
                        return true
                    }
                case "http_server_config":
                    try decoder.fields(value, "web.HTTPStruct") { (key, value) throws(ConfigError) in
                        switch key {
                        case "http2": config.http2 = decoder.bool(value, config.http2)
                        case "headers": config.headers = decoder.stringMap(value, config.headers)
                        default: return false
                        }
                        return true
                    }
                case "basic_auth_users": config.users = decoder.stringMap(value, config.users)
                default: return false
                }
                return true
            }
        }
        if !clean {
            throw ConfigError("yaml: unmarshal errors:\n  " + decoder.typeErrors.joined(separator: "\n  "))
        }
        if let invalid { throw invalid }
        try config.checkHeaders()
        _ = try config.clientAuth()
        return config
    }

    /// The client certificate policy, checked as exporter-toolkit checks it.
    public func clientAuth() throws(ConfigError) -> ClientAuth {
        let policy: ClientAuth
        switch tls.clientAuthType {
        case "", "NoClientCert": policy = .none
        case "RequestClientCert": policy = .request
        case "RequireAnyClientCert", "RequireClientCert": policy = .requireAny
        case "VerifyClientCertIfGiven": policy = .verifyIfGiven
        case "RequireAndVerifyClientCert": policy = .requireAndVerify
        default: throw ConfigError("Invalid ClientAuth: \(tls.clientAuthType)")
        }
        if !tls.clientCAFile.isEmpty && policy == .none {
            throw ConfigError("Client CA's have been configured without a Client Auth Policy")
        }
        return policy
    }

    /// Checks TLS is complete (both files named) when enabled, and every user's hash looks like bcrypt, as
    /// exporter-toolkit does before it serves.
    public func checkBeforeServing() throws(ConfigError) {
        if tls.isEnabled {
            if tls.certFile.isEmpty { throw ConfigError("missing cert_file") }
            if tls.keyFile.isEmpty { throw ConfigError("missing key_file") }
        }
        for (_, hash) in users.sorted(by: { $0.key < $1.key }) {
            try BcryptHash.checkFormat(hash)
        }
    }

    private func checkHeaders() throws(ConfigError) {
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            guard let allowed = Self.configurableHeaders[name] else {
                throw ConfigError("HTTP header \(goQuoted(name)) can not be configured")
            }
            if let allowed, !allowed.contains(value) {
                let list = allowed.map(goQuoted).joined(separator: " ")
                throw ConfigError("invalid value for \(name). Expected one of: [\(list)], but got: \(goQuoted(value))")
            }
        }
    }

    private func goQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// The shape of a bcrypt hash (`$2a$`, `$2b$` or `$2y$`, a two-digit cost, 53 characters of salt and hash), checked
/// with the texts of Go's `bcrypt.Cost`, which exporter-toolkit calls on every user before serving.
public enum BcryptHash {
    public static func checkFormat(_ hash: String) throws(ConfigError) {
        let bytes = Array(hash.utf8)
        guard bytes.count >= 59 else {
            throw ConfigError("crypto/bcrypt: hashedSecret too short to be a bcrypted password")
        }
        guard bytes[0] == UInt8(ascii: "$"), bytes[1] <= UInt8(ascii: "2") else {
            throw ConfigError(
                "crypto/bcrypt: bcrypt algorithm version '\(Character(Unicode.Scalar(bytes[1])))' requested is newer than current version '2'"
            )
        }
        let costStart = bytes[2] == UInt8(ascii: "$") ? 3 : 4
        guard let cost = Int(String(decoding: bytes[costStart..<costStart + 2], as: UTF8.self)), (4...31).contains(cost) else {
            throw ConfigError(
                "crypto/bcrypt: cost \(String(decoding: bytes[costStart..<costStart + 2], as: UTF8.self)) is outside allowed range (4,31)")
        }
    }
}
