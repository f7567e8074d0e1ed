import Hummingbird
import NIOCore
import Synchronization

/// `--web.timeout` for the API, as Alertmanager applies it (Go's `http.TimeoutHandler` around `/api/`): a
/// request not answered within the timeout gets 503 `Exceeded configured timeout of <d>.` and its handler is
/// cancelled. Other routes are never cut short.
///
/// It wraps the whole responder rather than being a middleware, because answering before the handler is
/// done needs the handler to run in a task of its own.
public struct APITimeoutResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context: Sendable {
    public typealias Context = Inner.Context

    let inner: Inner
    let prefix: String
    let timeout: Duration
    /// The timeout as Go prints it (`5s`, `1m30s`), for the message.
    let timeoutText: String

    public init(_ inner: Inner, prefix: String, timeout: Duration, timeoutText: String) {
        self.inner = inner
        self.prefix = prefix
        self.timeout = timeout
        self.timeoutText = timeoutText
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        guard request.uri.path.hasPrefix(prefix + "/api/") else {
            return try await inner.respond(to: request, context: context)
        }
        let inner = self.inner
        let work = Task { try await inner.respond(to: request, context: context) }
        let expired = Response(
            status: .serviceUnavailable,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "Exceeded configured timeout of \(timeoutText).\n")))
        let timeout = self.timeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Response, any Error>) in
                let pending = ResumeOnce(continuation)
                let timer = Task {
                    try await Task.sleep(for: timeout)
                    guard let waiting = pending.take() else { return }
                    work.cancel()
                    waiting.resume(returning: expired)
                }
                Task {
                    let result = await work.result
                    timer.cancel()
                    pending.take()?.resume(with: result)
                }
            }
        } onCancel: {
            work.cancel()
        }
    }
}

/// A continuation that whichever of the handler and the timer finishes first takes and resumes.
private final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Response, any Error>?>

    init(_ continuation: CheckedContinuation<Response, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func take() -> CheckedContinuation<Response, any Error>? {
        continuation.withLock { $0.take() }
    }
}
