import Curl
import Foundation
import Testing

@Suite("OAuth 2.0 client credentials against a real token endpoint")
struct OAuth2Tests {
    private func credentials(_ server: ServerProcess, secret: String = "s3cr&t") -> OAuth2ClientCredentials {
        OAuth2ClientCredentials(
            tokenURL: server.baseURL + "/token", clientID: "tocsin", clientSecret: secret, scopes: ["alerts", "read"],
            endpointParameters: ["audience": "hooks"])
    }

    private func stats(_ client: CurlClient, _ server: ServerProcess) async throws -> [[String: Any]] {
        let response = try await client.perform(HTTPRequest(url: server.baseURL + "/stats"))
        return try jsonObject(response.body)["token_requests"] as? [[String: Any]] ?? []
    }

    @Test("a token is fetched once with HTTP Basic and sent as Bearer on every request")
    func tokenIsFetchedOnceAndReused() async throws {
        let server = try await ServerProcess.start(script: "oauth_server.py")
        let client = CurlClient()
        let options = TransportOptions(authorization: .basic(username: "ignored", password: "x"), oauth2: credentials(server))
        for _ in 0..<3 {
            let response = try await client.perform(
                HTTPRequest(method: "POST", url: server.baseURL + "/hook", body: Array("{}".utf8)), options: options)
            #expect(response.status == 200)
            #expect(try jsonObject(response.body)["authorization"] as? String == "Bearer token-1")
        }
        let requests = try await stats(client, server)
        #expect(requests.count == 1)
        #expect(requests.first?["basic"] as? Bool == true)
        let form = requests.first?["form"] as? [String: String]
        #expect(form == ["grant_type": "client_credentials", "scope": "alerts read", "audience": "hooks"])
    }

    @Test("a server refusing HTTP Basic gets the credentials as form parameters")
    func credentialsFallBackToFormParameters() async throws {
        let server = try await ServerProcess.start(script: "oauth_server.py", arguments: ["--params-only"])
        let client = CurlClient()
        let response = try await client.perform(
            HTTPRequest(url: server.baseURL + "/hook"), options: TransportOptions(oauth2: credentials(server)))
        #expect(try jsonObject(response.body)["authorization"] as? String == "Bearer token-2")
        let requests = try await stats(client, server)
        #expect(requests.map { $0["basic"] as? Bool } == [true, false])
        #expect((requests.last?["form"] as? [String: String])?["client_id"] == "tocsin")
    }

    @Test("a token about to expire is fetched again")
    func expiringTokenIsRefreshed() async throws {
        let server = try await ServerProcess.start(script: "oauth_server.py", arguments: ["--lifetime", "5"])
        let client = CurlClient()
        let options = TransportOptions(oauth2: credentials(server))
        // Within 10 s of its expiry a token counts as expired (x/oauth2's expiryDelta), so each use fetches anew.
        let first = try await client.perform(HTTPRequest(url: server.baseURL + "/hook"), options: options)
        let second = try await client.perform(HTTPRequest(url: server.baseURL + "/hook"), options: options)
        #expect(try jsonObject(first.body)["authorization"] as? String == "Bearer token-1")
        #expect(try jsonObject(second.body)["authorization"] as? String == "Bearer token-2")
    }

    @Test("refused credentials fail the request with a retryable error naming the token endpoint's answer")
    func refusedCredentialsFail() async throws {
        let server = try await ServerProcess.start(script: "oauth_server.py")
        let client = CurlClient()
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(
                HTTPRequest(method: "POST", url: server.baseURL + "/hook"),
                options: TransportOptions(oauth2: credentials(server, secret: "wrong")))
        }
        #expect(error?.isRetryable == true)
        #expect(error?.description.hasPrefix("Post \"\(server.baseURL)/hook\": oauth2: cannot fetch token: 401") == true)
    }
}
