import CCurl

/// One libcurl easy handle plus the C memory its options point at, owned by the driver thread.
///
/// libcurl copies string options but not lists or the error buffer, so those live here until the
/// handle is reset for its next transfer. Failures to set an option become ``CurlError``s carrying
/// the option's name, so a bad TLS file or URL is reported, not ignored.
final class EasyHandle {
    let raw: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var operation = ""

    init?() {
        guard let raw = curl_easy_init() else { return nil }
        self.raw = raw
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        prepareForTransfer(operation: "")
    }

    deinit {
        curl_easy_cleanup(raw)
        releaseLists()
        errorBuffer.deallocate()
    }

    /// Clears every option of the previous transfer while keeping the handle's caches, then sets
    /// what every transfer needs (error buffer, no signals: libcurl runs on our own thread).
    func prepareForTransfer(operation: String) {
        curl_easy_reset(raw)
        releaseLists()
        self.operation = operation
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        _ = ccurl_easy_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_easy_setopt_long(raw, CURLOPT_NOSIGNAL, 1)
    }

    /// The detailed error text libcurl left for the last transfer, empty when none.
    var errorDetail: String {
        String(cString: errorBuffer)
    }

    func set(_ option: CURLoption, _ value: Int, _ name: String) throws(CurlError) {
        try check(ccurl_easy_setopt_long(raw, option, value), name)
    }

    func set(_ option: CURLoption, _ value: Bool, _ name: String) throws(CurlError) {
        try check(ccurl_easy_setopt_long(raw, option, value ? 1 : 0), name)
    }

    func set(_ option: CURLoption, offset value: Int, _ name: String) throws(CurlError) {
        try check(ccurl_easy_setopt_off(raw, option, curl_off_t(value)), name)
    }

    func set(_ option: CURLoption, _ value: String, _ name: String) throws(CurlError) {
        try check(ccurl_easy_setopt_string(raw, option, value), name)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?, _ name: String) throws(CurlError) {
        try check(ccurl_easy_setopt_pointer(raw, option, pointer), name)
    }

    func set(_ option: CURLoption, writer: curl_write_callback, _ name: String) throws(CurlError) {
        try check(ccurl_easy_setopt_write_callback(raw, option, writer), name)
    }

    func set(_ option: CURLoption, reader: curl_read_callback, _ name: String) throws(CurlError) {
        try check(ccurl_easy_setopt_read_callback(raw, option, reader), name)
    }

    /// Sets a list option; the list stays alive until the next ``prepareForTransfer(operation:)``.
    func set(_ option: CURLoption, list: [String], _ name: String) throws(CurlError) {
        var head: UnsafeMutablePointer<curl_slist>?
        for item in list {
            guard let appended = curl_slist_append(head, item) else {
                if let head { curl_slist_free_all(head) }
                throw CurlError.setup(CURLE_OUT_OF_MEMORY, option: name, operation: operation)
            }
            head = appended
        }
        guard let head else { return }
        lists.append(head)
        try check(ccurl_easy_setopt_slist(raw, option, head), name)
    }

    func info(_ info: CURLINFO) -> Int {
        var value = 0
        _ = ccurl_easy_getinfo_long(raw, info, &value)
        return value
    }

    func info(string info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard ccurl_easy_getinfo_string(raw, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    private func check(_ code: CURLcode, _ name: String) throws(CurlError) {
        guard code == CURLE_OK else {
            throw CurlError.setup(code, option: name, operation: operation)
        }
    }

    private func releaseLists() {
        for list in lists { curl_slist_free_all(list) }
        lists.removeAll()
    }
}
