import Curl
import Foundation
import Testing

@Suite("TransportOptions: http_config behaviour against real servers")
struct TransportOptionsTests {
    private func echoHeaders(_ response: HTTPResponse) throws -> [(String, String)] {
        let echo = try jsonObject(response.body)
        return (echo["headers"] as? [[String]] ?? []).map { ($0[0].lowercased(), $0[1]) }
    }

    @Test("basic_auth sends a preemptive Basic Authorization header")
    func basicAuth() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let options = TransportOptions(authorization: .basic(username: "am", password: "s3cr:et"))
        let response = try await client.perform(HTTPRequest(url: server.baseURL + "/echo"), options: options)
        let expected = "Basic " + Data("am:s3cr:et".utf8).base64EncodedString()
        #expect(try echoHeaders(response).contains { $0 == ("authorization", expected) })
    }

    @Test("authorization (bearer_token) sends '<type> <credentials>'")
    func bearerToken() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let options = TransportOptions(authorization: .authorization(type: "Bearer", credentials: "tok-123"))
        let response = try await client.perform(HTTPRequest(url: server.baseURL + "/echo"), options: options)
        #expect(try echoHeaders(response).contains { $0 == ("authorization", "Bearer tok-123") })
    }

    @Test("a caller's Authorization header wins over the options")
    func explicitAuthorizationWins() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let options = TransportOptions(authorization: .basic(username: "u", password: "p"))
        let request = HTTPRequest(url: server.baseURL + "/echo", headers: ["Authorization": "GenieKey abc"])
        let headers = try echoHeaders(try await client.perform(request, options: options))
        #expect(headers.filter { $0.0 == "authorization" }.map(\.1) == ["GenieKey abc"])
    }

    @Test("redirects are followed by default, POST becoming GET on 302 as in Go")
    func redirectsFollowed() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let response = try await client.perform(
            HTTPRequest(method: "POST", url: server.baseURL + "/redirect/3", body: Array("x".utf8)))
        #expect(response.status == 200)
        #expect(response.url == server.baseURL + "/echo")
        let echo = try jsonObject(response.body)
        #expect(echo["method"] as? String == "GET")
        #expect(response.headers["Location"] == nil)
    }

    @Test("with follow_redirects false the 3xx response itself is returned")
    func redirectsNotFollowed() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let response = try await client.perform(
            HTTPRequest(url: server.baseURL + "/redirect/2"), options: TransportOptions(followRedirects: false))
        #expect(response.status == 302)
        #expect(response.headers["Location"] == "/redirect/1")
    }

    @Test("a redirect loop fails with tooManyRedirects")
    func redirectLimit() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(
                HTTPRequest(url: server.baseURL + "/redirect-loop"), options: TransportOptions(maximumRedirects: 3))
        }
        #expect(error?.kind == .tooManyRedirects)
    }

    @Test("proxy_url carries plain HTTP requests in absolute form")
    func httpProxy() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let log = directory.path("proxy.log")
        let proxy = try await ServerProcess.start(script: "proxy.py", arguments: [log])
        let client = CurlClient()
        let options = TransportOptions(proxyURL: proxy.baseURL)
        let response = try await client.perform(
            HTTPRequest(method: "POST", url: server.baseURL + "/echo", body: Array("via proxy".utf8)), options: options)
        #expect(response.status == 200)
        #expect(try echoHeaders(response).contains { $0 == ("via", "tocsin-test-proxy") })
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines == ["POST \(server.baseURL)/echo HTTP/1.1"])
    }

    @Test("proxy_url tunnels HTTPS with CONNECT")
    func httpsProxy() async throws {
        let tls = try await TLSFixture.make()
        let server = try await ServerProcess.start(
            script: "http_server.py", arguments: ["--cert", tls.serverCert, "--key", tls.serverKey])
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let log = directory.path("proxy.log")
        let proxy = try await ServerProcess.start(script: "proxy.py", arguments: [log])
        let client = CurlClient()
        let options = TransportOptions(tls: TLSOptions(caFile: tls.caFile), proxyURL: proxy.baseURL)
        let response = try await client.perform(HTTPRequest(url: server.tlsBaseURL + "/echo"), options: options)
        #expect(response.status == 200)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines == ["CONNECT 127.0.0.1:\(server.port) HTTP/1.1"])
    }

    @Test("an unreachable proxy is a retryable error")
    func proxyDown() async throws {
        let client = CurlClient()
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(
                HTTPRequest(url: "http://127.0.0.1:9/x"), options: TransportOptions(proxyURL: "http://127.0.0.1:1"))
        }
        #expect(error?.isRetryable == true)
        #expect(error?.kind == .connectionRefused)
    }
}
