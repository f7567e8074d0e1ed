import Curl
import Foundation
import Testing

@Suite("TLSOptions: tls_config against a Python ssl server with generated certificates")
struct TLSOptionsTests {
    private func tlsServer(_ extra: [String] = []) async throws -> (ServerProcess, TLSFixture) {
        let tls = try await TLSFixture.make()
        let server = try await ServerProcess.start(
            script: "http_server.py", arguments: ["--cert", tls.serverCert, "--key", tls.serverKey] + extra)
        return (server, tls)
    }

    @Test("a server signed by the configured CA is trusted")
    func trustedCA() async throws {
        let (server, tls) = try await tlsServer()
        let client = CurlClient()
        let response = try await client.perform(
            HTTPRequest(url: server.tlsBaseURL + "/tls"), options: TransportOptions(tls: TLSOptions(caFile: tls.caFile)))
        #expect(response.status == 200)
    }

    @Test("sequential HTTPS requests reuse one connection")
    func tlsConnectionReuse() async throws {
        let (server, tls) = try await tlsServer()
        let client = CurlClient()
        let options = TransportOptions(tls: TLSOptions(caFile: tls.caFile))
        for _ in 0..<4 {
            #expect(try await client.perform(HTTPRequest(url: server.tlsBaseURL + "/tls"), options: options).status == 200)
        }
        let stats = try await client.perform(HTTPRequest(url: server.tlsBaseURL + "/stats"), options: options)
        #expect(try jsonObject(stats.body)["connections"] as? Int == 1)
    }

    @Test("a server signed by another CA fails with a retryable TLS error")
    func untrustedCA() async throws {
        let (server, tls) = try await tlsServer()
        let client = CurlClient()
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(
                HTTPRequest(url: server.tlsBaseURL + "/tls"),
                options: TransportOptions(tls: TLSOptions(caFile: tls.otherCAFile)))
        }
        #expect(error?.kind == .tls)
        #expect(error?.isRetryable == true)
    }

    @Test("insecure_skip_verify accepts an untrusted server")
    func insecureSkipVerify() async throws {
        let (server, tls) = try await tlsServer()
        let client = CurlClient()
        let options = TransportOptions(tls: TLSOptions(caFile: tls.otherCAFile, insecureSkipVerify: true))
        let response = try await client.perform(HTTPRequest(url: server.tlsBaseURL + "/tls"), options: options)
        #expect(response.status == 200)
    }

    @Test("server_name is sent as SNI and verified, while Host stays the URL's")
    func serverNameMatching() async throws {
        let (server, tls) = try await tlsServer()
        let client = CurlClient()
        let options = TransportOptions(tls: TLSOptions(caFile: tls.caFile, serverName: "tocsin.test"))
        let response = try await client.perform(HTTPRequest(url: server.tlsBaseURL + "/tls"), options: options)
        #expect(response.status == 200)
        #expect(try jsonObject(response.body)["sni"] as? String == "tocsin.test")
        let echo = try await client.perform(HTTPRequest(url: server.tlsBaseURL + "/echo"), options: options)
        let headers = (try jsonObject(echo.body)["headers"] as? [[String]] ?? []).map { ($0[0].lowercased(), $0[1]) }
        #expect(headers.contains { $0 == ("host", "127.0.0.1:\(server.port)") })
    }

    @Test("a server_name the certificate does not cover fails verification, as in Go")
    func serverNameMismatch() async throws {
        let (server, tls) = try await tlsServer()
        let client = CurlClient()
        let options = TransportOptions(tls: TLSOptions(caFile: tls.caFile, serverName: "other.test"))
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(HTTPRequest(url: server.tlsBaseURL + "/tls"), options: options)
        }
        #expect(error?.kind == .tls)
    }

    @Test("a server requiring a client certificate accepts ours and refuses none")
    func clientCertificate() async throws {
        let tls = try await TLSFixture.make()
        let (server, _) = try await tlsServer(["--client-ca", tls.caFile])
        let client = CurlClient()
        let withCert = TransportOptions(
            tls: TLSOptions(caFile: tls.caFile, certFile: tls.clientCert, keyFile: tls.clientKey))
        let response = try await client.perform(HTTPRequest(url: server.tlsBaseURL + "/tls"), options: withCert)
        #expect(response.status == 200)
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(
                HTTPRequest(url: server.tlsBaseURL + "/tls"), options: TransportOptions(tls: TLSOptions(caFile: tls.caFile)))
        }
        #expect(error?.isRetryable == true)
    }

    @Test("a missing certificate file is reported as a TLS error naming the problem")
    func missingCertificateFile() async throws {
        let (server, tls) = try await tlsServer()
        let client = CurlClient()
        let options = TransportOptions(
            tls: TLSOptions(caFile: tls.caFile, certFile: "/nonexistent/cert.pem", keyFile: "/nonexistent/key.pem"))
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(HTTPRequest(url: server.tlsBaseURL + "/tls"), options: options)
        }
        #expect(error?.kind == .tls)
    }

    @Test("min_version above what the server offers fails; max_version caps the protocol")
    func protocolVersions() async throws {
        let (server, tls) = try await tlsServer(["--max-tls12"])
        let client = CurlClient()
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(
                HTTPRequest(url: server.tlsBaseURL + "/tls"),
                options: TransportOptions(tls: TLSOptions(caFile: tls.caFile, minVersion: .tls13)))
        }
        #expect(error?.kind == .tls)
        let (modern, _) = try await tlsServer()
        let capped = try await client.perform(
            HTTPRequest(url: modern.tlsBaseURL + "/tls"),
            options: TransportOptions(tls: TLSOptions(caFile: tls.caFile, maxVersion: .tls12)))
        #expect(try jsonObject(capped.body)["version"] as? String == "TLSv1.2")
        let open = try await client.perform(
            HTTPRequest(url: modern.tlsBaseURL + "/tls"), options: TransportOptions(tls: TLSOptions(caFile: tls.caFile)))
        #expect(try jsonObject(open.body)["version"] as? String == "TLSv1.3")
    }

    @Test("TLS version names parse as in Alertmanager's tls_config")
    func versionNames() {
        #expect(TLSVersion(configName: "TLS12") == .tls12)
        #expect(TLSVersion(configName: "TLS13") == .tls13)
        #expect(TLSVersion(configName: "tls12") == nil)
        #expect(TLSVersion.tls10 < TLSVersion.tls13)
    }
}
