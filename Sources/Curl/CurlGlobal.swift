import CCurl

/// libcurl's process-wide initialisation, done once before the first handle is made (Swift runs a
/// global's initialiser exactly once, even under contention).
enum CurlGlobal {
    static let initialized: Bool = curl_global_init(CCURL_GLOBAL_DEFAULT) == CURLE_OK

    /// The libcurl version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.19 ...`.
    static var version: String {
        String(cString: curl_version())
    }
}
