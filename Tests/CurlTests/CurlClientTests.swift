import Curl
import Foundation
import Testing

@Suite("CurlClient over HTTP against a real Python server")
struct CurlClientTests {
    @Test("a POST arrives with exactly the caller's method, headers and body")
    func postArrivesExactly() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let body = Array(#"{"receiver":"team-x","status":"firing"}"#.utf8) + Array(repeating: UInt8(ascii: "a"), count: 4000)
        let request = HTTPRequest(
            method: "POST",
            url: server.baseURL + "/echo?x=1",
            headers: ["Content-Type": "application/json", "User-Agent": "Alertmanager/0.25.0", "X-Empty": ""],
            body: body
        )
        let response = try await client.perform(request)
        #expect(response.status == 200)
        let echo = try jsonObject(response.body)
        #expect(echo["method"] as? String == "POST")
        #expect(echo["path"] as? String == "/echo?x=1")
        #expect(Data(base64Encoded: echo["body"] as? String ?? "").map(Array.init) == body)
        let headers = (echo["headers"] as? [[String]] ?? []).map { ($0[0].lowercased(), $0[1]) }
        let names = headers.map(\.0)
        #expect(headers.contains { $0 == ("content-type", "application/json") })
        #expect(headers.contains { $0 == ("user-agent", "Alertmanager/0.25.0") })
        #expect(headers.contains { $0 == ("content-length", "\(body.count)") })
        #expect(headers.contains { $0 == ("x-empty", "") })
        #expect(!names.contains("accept"))
        #expect(!names.contains("expect"))
        #expect(!names.contains("authorization"))
    }

    @Test("200 concurrent requests complete through one client")
    func concurrentRequests() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let results = try await withThrowingTaskGroup(of: (Int, HTTPResponse).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let request = HTTPRequest(url: server.baseURL + "/slow/100?i=\(index)", timeout: .seconds(60))
                    return (index, try await client.perform(request))
                }
            }
            var collected: [Int: HTTPResponse] = [:]
            for try await (index, response) in group { collected[index] = response }
            return collected
        }
        #expect(results.count == 200)
        for (index, response) in results {
            #expect(response.status == 200)
            #expect(response.bodyText == "/slow/100?i=\(index)")
        }
    }

    @Test("sequential requests reuse one TCP connection")
    func connectionReuse() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        for index in 0..<5 {
            let response = try await client.perform(
                HTTPRequest(method: "POST", url: server.baseURL + "/echo", body: Array("n=\(index)".utf8)))
            #expect(response.status == 200)
        }
        let stats = try jsonObject(try await client.perform(HTTPRequest(url: server.baseURL + "/stats")).body)
        #expect(stats["connections"] as? Int == 1)
    }

    @Test("the final status, headers and body are returned for any status")
    func statusAndHeaders() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let response = try await client.perform(HTTPRequest(url: server.baseURL + "/status/503"))
        #expect(response.status == 503)
        #expect(response.bodyText == "status body")
        #expect(response.headers.values(for: "x-test") == ["yes", "twice"])
        #expect(response.headers["Content-Length"] == "11")
        #expect(!response.bodyWasTruncated)
    }

    @Test("a body longer than the cap is cut at the cap")
    func responseBodyCap() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let response = try await client.perform(
            HTTPRequest(url: server.baseURL + "/big/200000", maximumResponseBodySize: 1000))
        #expect(response.status == 200)
        #expect(response.body.count == 1000)
        #expect(response.bodyWasTruncated)
        let small = try await client.perform(HTTPRequest(url: server.baseURL + "/big/999", maximumResponseBodySize: 1000))
        #expect(small.body.count == 999)
        #expect(!small.bodyWasTruncated)
    }

    @Test("a request timeout fails the transfer as timedOut, which is retryable")
    func timeoutFires() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(HTTPRequest(url: server.baseURL + "/slow/5000", timeout: .milliseconds(300)))
        }
        #expect(error?.kind == .timedOut)
        #expect(error?.isRetryable == true)
        #expect(error?.description.hasPrefix("Get \"\(server.baseURL)/slow/5000\": ") == true)
    }

    @Test("a refused connection is a connectionRefused error with libcurl's text")
    func connectionRefused() async throws {
        let client = CurlClient()
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(HTTPRequest(method: "POST", url: "http://127.0.0.1:1/hook", body: [1]))
        }
        #expect(error?.kind == .connectionRefused)
        #expect(error?.isRetryable == true)
        #expect(error?.message.contains("127.0.0.1") == true)
        #expect(error?.operation == "Post \"http://127.0.0.1:1/hook\"")
    }

    @Test("a server hanging up mid-upload is a retryable connectionLost error (the process survives)")
    func peerHangsUp() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let body = [UInt8](repeating: 0x41, count: 16 << 20)
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(HTTPRequest(method: "POST", url: server.baseURL + "/hangup", body: body, timeout: .seconds(30)))
        }
        #expect(error?.kind == .connectionLost)
        #expect(error?.isRetryable == true)
    }

    @Test("a URL with another scheme is refused as invalid and not retryable")
    func unsupportedScheme() async throws {
        let client = CurlClient()
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(HTTPRequest(url: "file:///etc/passwd"))
        }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.isRetryable == false)
    }

    @Test("cancelling the calling task cancels the transfer and the client keeps working")
    func cancellation() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let task = Task {
            try await client.perform(HTTPRequest(url: server.baseURL + "/slow/20000", timeout: .seconds(30)))
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        let after = try await client.perform(HTTPRequest(url: server.baseURL + "/status/204"))
        #expect(after.status == 204)
    }

    @Test("cancelling half of 100 concurrent transfers leaves the other half to finish")
    func partialCancellation() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let tasks = (0..<100).map { index in
            Task {
                // Slow enough that the cancellations land first even on a loaded machine.
                try await client.perform(HTTPRequest(url: server.baseURL + "/slow/8000?i=\(index)", timeout: .seconds(60)))
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        for (index, task) in tasks.enumerated() where index.isMultiple(of: 2) { task.cancel() }
        var cancelled = 0
        var completed = 0
        for (index, task) in tasks.enumerated() {
            switch await task.result {
            case .success(let response):
                #expect(!index.isMultiple(of: 2))
                #expect(response.bodyText == "/slow/8000?i=\(index)")
                completed += 1
            case .failure(let error):
                #expect(error is CancellationError)
                #expect(index.isMultiple(of: 2))
                cancelled += 1
            }
        }
        #expect(cancelled == 50)
        #expect(completed == 50)
    }

    @Test("a task cancelled before it starts never sends")
    func cancelledBeforeStart() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.perform(HTTPRequest(url: server.baseURL + "/echo"))
        }
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        let stats = try jsonObject(try await client.perform(HTTPRequest(url: server.baseURL + "/stats")).body)
        #expect(stats["connections"] as? Int == 1)
    }

    @Test("shutdown fails transfers in flight and refuses new ones")
    func shutdown() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let inFlight = Task {
            try await client.perform(HTTPRequest(url: server.baseURL + "/slow/20000", timeout: .seconds(30)))
        }
        try await Task.sleep(for: .milliseconds(300))
        client.shutdown()
        let result = await inFlight.result
        #expect(throws: CurlError.self) { try result.get() }
        if case .failure(let error as CurlError) = result {
            #expect(error.kind == .clientShutDown)
        }
        let later = await #expect(throws: CurlError.self) {
            try await client.perform(HTTPRequest(url: server.baseURL + "/echo"))
        }
        #expect(later?.kind == .clientShutDown)
        client.shutdown()
    }

    @Test("PUT and DELETE send their method; HEAD returns headers without a body")
    func otherMethods() async throws {
        let server = try await ServerProcess.start(script: "http_server.py")
        let client = CurlClient()
        let put = try await client.perform(HTTPRequest(method: "PUT", url: server.baseURL + "/echo", body: Array("v".utf8)))
        #expect(try jsonObject(put.body)["method"] as? String == "PUT")
        #expect(try jsonObject(put.body)["body"] as? String == "dg==")
        let delete = try await client.perform(HTTPRequest(method: "DELETE", url: server.baseURL + "/echo"))
        #expect(try jsonObject(delete.body)["method"] as? String == "DELETE")
        let head = try await client.perform(HTTPRequest(method: "HEAD", url: server.baseURL + "/big/50"))
        #expect(head.status == 200)
        #expect(head.headers["Content-Length"] == "50")
        #expect(head.body.isEmpty)
    }

    @Test("libcurl reports its version and TLS library")
    func version() {
        #expect(CurlClient.libcurlVersion.hasPrefix("libcurl/"))
    }
}
