import Curl
import Foundation
import Testing

@Suite("MIMEMessage lays out mail as Alertmanager 0.25 does")
struct MIMEMessageTests {
    private let date = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("headers, Message-Id, Date, Content-Type, MIME-Version, then text and HTML parts")
    func layout() {
        let message = MIMEMessage(
            headers: [.init(name: "Subject", value: "Hi ✓"), .init(name: "To", value: "a@example.org")],
            text: "plain = text",
            html: "<b>html</b>",
            date: date,
            messageID: "<1.2@host>",
            boundary: "BOUND"
        )
        let expected =
            "Subject: =?utf-8?q?Hi_=E2=9C=93?=\r\n" + "To: a@example.org\r\n" + "Message-Id: <1.2@host>\r\n"
            + "Date: \(MIMEMessage.rfc1123Z(date))\r\n" + "Content-Type: multipart/alternative;  boundary=BOUND\r\n"
            + "MIME-Version: 1.0\r\n\r\n" + "--BOUND\r\n" + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + "plain =3D text" + "\r\n--BOUND\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n" + "Content-Type: text/html; charset=UTF-8\r\n\r\n"
            + "<b>html</b>" + "\r\n--BOUND--\r\n"
        #expect(String(decoding: message.encoded(), as: UTF8.self) == expected)
    }

    @Test("the bytes equal a mail captured from Alertmanager 0.25 (same header values, id, date, boundary)")
    func alertmanagerOracle() {
        let boundary = "d88a2c35e3a8a118f3e9bec0a5abaaaff4233b8c41d64a778370c415f9ec"
        let message = MIMEMessage(
            headers: [
                .init(name: "X-Custom", value: "héllo"), .init(name: "Subject", value: "[FIRING:1]  (DiskFull2 page)"),
                .init(name: "To", value: "a@example.org, b@example.org"), .init(name: "From", value: "am@example.org"),
            ],
            text: "plain text body = ok \nline two é",
            date: date,
            messageID: "<1795568609496504686.3666775901385929958@vm>",
            boundary: boundary
        )
        let captured =
            "X-Custom: =?utf-8?q?h=C3=A9llo?=\r\nSubject: [FIRING:1]  (DiskFull2 page)\r\n"
            + "To: a@example.org, b@example.org\r\nFrom: am@example.org\r\n"
            + "Message-Id: <1795568609496504686.3666775901385929958@vm>\r\nDate: \(MIMEMessage.rfc1123Z(date))\r\n"
            + "Content-Type: multipart/alternative;  boundary=\(boundary)\r\nMIME-Version: 1.0\r\n\r\n"
            + "--\(boundary)\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\nplain text body =3D ok=20\r\nline two =C3=A9\r\n"
            + "--\(boundary)--\r\n"
        #expect(String(decoding: message.encoded(), as: UTF8.self) == captured)
    }

    @Test("an empty part is left out, and a caller's Message-Id replaces the generated one")
    func optionalParts() {
        let message = MIMEMessage(
            headers: [.init(name: "Message-Id", value: "<mine@x>")], html: "<i>only</i>", date: date, boundary: "B")
        let text = String(decoding: message.encoded(), as: UTF8.self)
        #expect(text.components(separatedBy: "Message-Id:").count == 2)
        #expect(text.hasPrefix("Message-Id: <mine@x>\r\nDate: "))
        #expect(!text.contains("text/plain"))
        #expect(text.hasSuffix("\r\n\r\n--B\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<i>only</i>\r\n--B--\r\n"))
    }

    @Test("defaults: a 60-hex-digit boundary and <nanoseconds.random@host> Message-Id, unique per message")
    func generatedIdentifiers() {
        let first = MIMEMessage(headers: [], date: date)
        let second = MIMEMessage(headers: [], date: date)
        #expect(first.boundary.count == 60)
        #expect(first.boundary.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(first.boundary != second.boundary)
        #expect(first.messageID.hasPrefix("<1700000000000000000."))
        #expect(first.messageID.hasSuffix("@\(MIMEMessage.localHostname)>"))
        #expect(first.messageID != second.messageID)
    }

    @Test("Date is Go's RFC1123Z in the local zone")
    func dateFormat() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        #expect(MIMEMessage.rfc1123Z(date) == formatter.string(from: date))
        #expect(MIMEMessage.rfc1123Z(Date(timeIntervalSince1970: 86_400 * 3 + 5)).contains(":05 "))
    }
}
