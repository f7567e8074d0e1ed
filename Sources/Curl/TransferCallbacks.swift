import CCurl

/// The C entry points libcurl calls during a transfer; each forwards to the ``Transfer`` whose
/// pointer was registered as the callback's data, on the driver thread that runs libcurl.
enum TransferCallbacks {
    static let body: curl_write_callback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
    }

    static let header: curl_write_callback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
        return size * count
    }

    static let upload: curl_read_callback = { buffer, size, count, context in
        guard let context, let buffer else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.readUpload(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
    }
}
