/// How the SMTP connection is protected.
public enum SMTPTransportSecurity: Sendable, Hashable {
    /// Plain SMTP, credentials and mail in the clear (Alertmanager with `require_tls: false`).
    case plain
    /// STARTTLS when the server offers it, plain otherwise.
    case startTLSIfOffered
    /// STARTTLS is mandatory; a server that does not offer it fails with
    /// ``CurlError/Kind/startTLSNotOffered`` (Alertmanager's `require_tls: true`, the default).
    case startTLS
    /// TLS from the first byte (SMTPS).
    case implicitTLS

    /// Alertmanager's choice for a smarthost: port 465 is implicit TLS whatever `require_tls`
    /// says; otherwise `require_tls` decides between mandatory STARTTLS and none
    /// (notify/email/email.go never tries STARTTLS opportunistically).
    public static func alertmanager(port: Int, requireTLS: Bool) -> SMTPTransportSecurity {
        if port == 465 { return .implicitTLS }
        return requireTLS ? .startTLS : .plain
    }
}
