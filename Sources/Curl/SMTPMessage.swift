/// One mail to submit: the envelope (who it is from and to, as told to the server in MAIL FROM and
/// RCPT TO) and the RFC 5322 content (headers and body) the caller built, e.g. with ``MIMEMessage``.
///
/// The envelope is independent of the `From:`/`To:` headers inside the content, as in SMTP itself.
public struct SMTPMessage: Sendable, Hashable {
    /// The envelope sender address (bare `a@b` or `<a@b>`); empty sends the null sender `<>`.
    public var from: String
    /// Every envelope recipient; each gets one RCPT TO, and any refusal fails the whole send, as
    /// in Alertmanager.
    public var recipients: [String]
    /// The message content; bare LF line endings are sent as CRLF and leading dots are escaped.
    public var content: [UInt8]

    /// Makes a message.
    public init(from: String, recipients: [String], content: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.content = content
    }
}
