import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import TocsinConfig

/// The HTTP server `--web.config.file` describes: plain HTTP/1.1 without `tls_server_config`, TLS with it
/// (certificate and key, TLS versions, cipher suites, curves, and the client-certificate policy with its CA),
/// checked and loaded as exporter-toolkit does before it serves, with its error texts.
public enum WebServerTLS {
    public static func serverBuilder(for config: WebConfig) throws(ConfigError) -> HTTPServerBuilder {
        try config.checkBeforeServing()
        guard config.tls.isEnabled else { return .http1() }

        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(config.tls.certFile)
            key = try NIOSSLPrivateKey(file: config.tls.keyFile, format: .pem)
        } catch {
            throw ConfigError("failed to load X509KeyPair: \(Self.describe(error, files: [config.tls.certFile, config.tls.keyFile]))")
        }
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        tls.minimumTLSVersion = Self.version(config.tls.minVersion)
        tls.maximumTLSVersion = Self.version(config.tls.maxVersion)
        if !config.tls.cipherSuites.isEmpty {
            tls.cipherSuiteValues = try config.tls.cipherSuites.map { (name) throws(ConfigError) in
                guard let cipher = Self.ciphers[name] else { throw ConfigError("unknown cipher: \(name)") }
                return cipher
            }
        }
        if !config.tls.curvePreferences.isEmpty {
            tls.curves = config.tls.curvePreferences.compactMap { Self.curves[$0] }
        }
        if !config.tls.clientCAFile.isEmpty {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(config.tls.clientCAFile))
            } catch {
                throw ConfigError(Self.describe(error, files: [config.tls.clientCAFile]))
            }
        }
        let policy = try config.clientAuth()
        switch policy {
        case .none, .request:
            // Go's RequestClientCert asks for a certificate but neither requires nor verifies it, so for
            // access it is the same as not asking.
            tls.certificateVerification = .none
        case .verifyIfGiven:
            tls.certificateVerification = .optionalVerification
        case .requireAndVerify:
            tls.certificateVerification = .noHostnameVerification
        case .requireAny:
            // A certificate is required, any certificate is accepted.
            tls.certificateVerification = .noHostnameVerification
            do {
                return try .tls(.http1(), configuration: TLSChannelConfiguration(tlsConfiguration: tls) { _ in .certificateVerified })
            } catch {
                throw ConfigError("\(error)")
            }
        }
        do {
            return try .tls(.http1(), tlsConfiguration: tls)
        } catch {
            throw ConfigError("\(error)")
        }
    }

    private static func version(_ name: String) -> TLSVersion {
        switch name {
        case "TLS10": return .tlsv1
        case "TLS11": return .tlsv11
        case "TLS12": return .tlsv12
        default: return .tlsv13
        }
    }

    /// A missing file reads as Go's `open <path>: no such file or directory`; anything else as NIOSSL says it.
    private static func describe(_ error: any Error, files: [String]) -> String {
        for file in files where !FileManager.default.fileExists(atPath: file) {
            return "open \(file): no such file or directory"
        }
        return "\(error)"
    }

    /// Go's cipher suite names (crypto/tls) that BoringSSL implements.
    static let ciphers: [String: NIOTLSCipher] = [
        "TLS_RSA_WITH_AES_128_CBC_SHA": .TLS_RSA_WITH_AES_128_CBC_SHA,
        "TLS_RSA_WITH_AES_256_CBC_SHA": .TLS_RSA_WITH_AES_256_CBC_SHA,
        "TLS_RSA_WITH_AES_128_GCM_SHA256": .TLS_RSA_WITH_AES_128_GCM_SHA256,
        "TLS_RSA_WITH_AES_256_GCM_SHA384": .TLS_RSA_WITH_AES_256_GCM_SHA384,
        "TLS_AES_128_GCM_SHA256": .TLS_AES_128_GCM_SHA256,
        "TLS_AES_256_GCM_SHA384": .TLS_AES_256_GCM_SHA384,
        "TLS_CHACHA20_POLY1305_SHA256": .TLS_CHACHA20_POLY1305_SHA256,
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA": .TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA": .TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA": .TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA": .TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256": .TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384": .TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256": .TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384": .TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256": .TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256": .TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ]

    static let curves: [String: NIOTLSCurve] = [
        "CurveP256": .secp256r1, "CurveP384": .secp384r1, "CurveP521": .secp521r1, "X25519": .x25519,
    ]
}
