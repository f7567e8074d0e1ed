import Foundation

/// An email in Alertmanager's layout (notify/email/email.go, v0.25): the caller's headers, each
/// value Q-encoded, then `Message-Id` (unless the caller set one), `Date`, `Content-Type:
/// multipart/alternative` and `MIME-Version`, then a quoted-printable text/plain part and a
/// quoted-printable text/html part (each only when non-empty; HTML last, as the preferred
/// alternative per RFC 2046 §5.1.4).
///
/// The encoding is deterministic for given field values, so tests can compare bytes; the
/// defaults for ``date``, ``messageID`` and ``boundary`` make each message unique.
public struct MIMEMessage: Sendable, Hashable {
    /// One header line of the message.
    public struct Header: Sendable, Hashable {
        /// The header name, written as given (Alertmanager canonicalises names in its config).
        public var name: String
        /// The unencoded value.
        public var value: String

        /// Makes a header; the value is Q-encoded when rendered, the name is sent as given.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Headers in the order they are written (Subject, From, To and custom ones).
    public var headers: [Header]
    /// The text/plain alternative; empty leaves the part out.
    public var text: String
    /// The text/html alternative; empty leaves the part out.
    public var html: String
    /// The `Date` header's time, written in the local time zone as Go's RFC1123Z.
    public var date: Date
    /// The `Message-Id` value including angle brackets; ignored when ``headers`` has one.
    public var messageID: String
    /// The multipart boundary; must not occur in the encoded parts (the random default cannot,
    /// since quoted-printable output never has 60 hex digits in a row without a soft break).
    public var boundary: String

    /// Makes a message with a fresh date, Message-Id and boundary.
    public init(
        headers: [Header],
        text: String = "",
        html: String = "",
        date: Date = Date(),
        messageID: String? = nil,
        boundary: String? = nil
    ) {
        self.headers = headers
        self.text = text
        self.html = html
        self.date = date
        self.messageID = messageID ?? MIMEMessage.makeMessageID(date: date)
        self.boundary = boundary ?? MIMEMessage.makeBoundary()
    }

    /// The RFC 5322 bytes, CRLF line endings, ready for ``SMTPMessage/content``.
    public func encoded() -> [UInt8] {
        var out = ""
        for header in headers {
            out += "\(header.name): \(MIMEHeaderEncoding.qEncode(header.value))\r\n"
        }
        if !headers.contains(where: { $0.name.lowercased() == "message-id" }) {
            out += "Message-Id: \(messageID)\r\n"
        }
        out += "Date: \(MIMEMessage.rfc1123Z(date))\r\n"
        // Two spaces before boundary= are Alertmanager's.
        out += "Content-Type: multipart/alternative;  boundary=\(boundary)\r\n"
        out += "MIME-Version: 1.0\r\n\r\n"
        var bytes = Array(out.utf8)
        var firstPart = true
        for (body, type) in [(text, "text/plain"), (html, "text/html")] where !body.isEmpty {
            bytes += Array((firstPart ? "--\(boundary)\r\n" : "\r\n--\(boundary)\r\n").utf8)
            bytes += Array("Content-Transfer-Encoding: quoted-printable\r\n".utf8)
            bytes += Array("Content-Type: \(type); charset=UTF-8\r\n\r\n".utf8)
            bytes += QuotedPrintable.encode(body)
            firstPart = false
        }
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
        return bytes
    }

    /// A boundary like Go's `multipart.Writer`: 30 random bytes in lower-case hex.
    public static func makeBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<30).map { _ in hex(UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Alertmanager's Message-Id: `<unix-nanoseconds.random-uint64@hostname>`.
    public static func makeMessageID(date: Date = Date(), hostname: String = localHostname) -> String {
        let nanoseconds = Int64((date.timeIntervalSince1970 * 1_000_000_000).rounded())
        return "<\(nanoseconds).\(UInt64.random(in: 0...UInt64.max))@\(hostname)>"
    }

    /// This machine's host name, as Go's `os.Hostname()`.
    public static var localHostname: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Go's `time.RFC1123Z` layout, `Mon, 02 Jan 2006 15:04:05 -0700`, in the local time zone.
    public static func rfc1123Z(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let offsetMinutes = parts.tm_gmtoff / 60
        let sign = offsetMinutes < 0 ? "-" : "+"
        let offset = abs(offsetMinutes)
        return "\(days[Int(parts.tm_wday)]), \(pad(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
            + "\(parts.tm_year + 1900) \(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)) "
            + "\(sign)\(pad(offset / 60))\(pad(offset % 60))"
    }

    private static func pad<Number: BinaryInteger>(_ value: Number) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
