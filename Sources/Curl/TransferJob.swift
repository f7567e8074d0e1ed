/// A transfer handed from a calling task to the driver thread: what to do and whom to tell.
///
/// Everything in it is a value or a continuation, so it crosses threads safely; the libcurl state
/// for it is created only on the driver thread.
struct TransferJob: Sendable {
    enum Work: Sendable {
        case http(HTTPRequest, TransportOptions, CheckedContinuation<HTTPResponse, any Error>)
        case mail(SMTPMessage, SMTPServer, CheckedContinuation<Void, any Error>)
    }

    let id: UInt64
    let work: Work

    /// Completes the caller's continuation with an error without ever running the transfer.
    func fail(with error: any Error) {
        switch work {
        case .http(_, _, let continuation): continuation.resume(throwing: error)
        case .mail(_, _, let continuation): continuation.resume(throwing: error)
        }
    }
}
