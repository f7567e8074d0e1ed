import Crypto
import Foundation

/// AWS Signature Version 4 for one request, as aws-sdk-go's v4 signer signs SNS calls: every header but
/// `User-Agent` and `Authorization` signed (`content-length`, `content-type`, `host`, `x-amz-date`, and
/// `x-amz-security-token` for temporary credentials), the payload hashed, no query.
public struct SigV4Signer: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    public var service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The headers to add to a request: `X-Amz-Date`, `Authorization` (and the session token).
    ///
    /// - Parameters:
    ///   - headers: the headers to sign (lower-cased names), without `x-amz-date`.
    public func sign(
        method: String, path: String, query: String = "", headers: [String: String], body: [UInt8], at date: Date
    ) -> [(String, String)] {
        let amzDate = Self.timestamp(date)
        let day = String(amzDate.prefix(8))
        var signed = headers
        signed["x-amz-date"] = amzDate
        if !self.credentials.sessionToken.isEmpty { signed["x-amz-security-token"] = self.credentials.sessionToken }
        let names = signed.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(Self.trimmed(signed[$0] ?? ""))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let canonicalRequest = [
            method, Self.canonicalPath(path), query, canonicalHeaders, signedHeaders, Self.hex(Array(SHA256.hash(data: body))),
        ].joined(separator: "\n")
        let scope = "\(day)/\(self.region)/\(self.service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Self.hex(Array(SHA256.hash(data: Array(canonicalRequest.utf8)))),
        ].joined(separator: "\n")
        var key = SymmetricKey(data: Array("AWS4\(self.credentials.secretKey)".utf8))
        for part in [day, self.region, self.service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = Self.hex(Array(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)))
        var result = [
            ("X-Amz-Date", amzDate),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=\(self.credentials.accessKey)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
            ),
        ]
        if !self.credentials.sessionToken.isEmpty { result.append(("X-Amz-Security-Token", self.credentials.sessionToken)) }
        return result
    }

    /// `20261125T062914Z`: the UTC time, to the second.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(c.year ?? 0)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
    }

    /// The path with every byte but unreserved ones and `/` percent-encoded (RFC 3986), `/` when empty.
    static func canonicalPath(_ path: String) -> String {
        if path.isEmpty { return "/" }
        let hexDigits = Array("0123456789ABCDEF")
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-_.~/".contains(c)) {
                out.append(c)
            } else {
                out += "%" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 15)])
            }
        }
        return out
    }

    /// The value with surrounding spaces removed and inner runs of spaces collapsed to one.
    static func trimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
