import Curl
import Testing

@Suite("CurlError classification and text")
struct CurlErrorTests {
    @Test("network-side kinds are retryable, unusable requests and shutdown are not")
    func retryability() {
        let retryable: [CurlError.Kind] = [
            .connectionRefused, .hostNotFound, .connectionFailed, .timedOut, .tls, .startTLSNotOffered, .proxy,
            .tooManyRedirects, .connectionLost, .protocolViolation, .authenticationFailed, .rejected, .other,
        ]
        for kind in retryable {
            #expect(CurlError(kind: kind, message: "m", operation: "").isRetryable, "\(kind)")
        }
        #expect(!CurlError(kind: .invalidRequest, message: "m", operation: "").isRetryable)
        #expect(!CurlError(kind: .clientShutDown, message: "m", operation: "").isRetryable)
    }

    @Test("the description reads like Go's url.Error")
    func description() {
        let error = CurlError(kind: .timedOut, code: 28, message: "Operation timed out", operation: "Post \"http://x/\"")
        #expect(error.description == "Post \"http://x/\": Operation timed out")
        #expect(CurlError(kind: .other, message: "bare", operation: "").description == "bare")
    }
}
