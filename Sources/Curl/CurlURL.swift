import CCurl

/// A URL parsed by libcurl's own parser, so the host and port we reason about are exactly the ones
/// libcurl will connect to.
final class CurlURL {
    private let handle: OpaquePointer

    init?(_ string: String) {
        guard let handle = curl_url() else { return nil }
        self.handle = handle
        guard curl_url_set(handle, CURLUPART_URL, string, 0) == CURLUE_OK else { return nil }
    }

    deinit {
        curl_url_cleanup(handle)
    }

    var scheme: String? { part(CURLUPART_SCHEME) }
    /// The host as it appears in a URL (IPv6 addresses in brackets).
    var host: String? { part(CURLUPART_HOST) }
    /// The port written in the URL, nil when the scheme's default applies.
    var explicitPort: String? { part(CURLUPART_PORT) }
    /// The port connected to, written or the scheme's default.
    var port: String? { part(CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)) }
    var string: String? { part(CURLUPART_URL) }

    func setHost(_ host: String) -> Bool {
        curl_url_set(handle, CURLUPART_HOST, host, 0) == CURLUE_OK
    }

    private func part(_ what: CURLUPart, flags: UInt32 = 0) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, what, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
