extension Array where Element == UInt8 {
    /// Appends up to `maximum` bytes that `body` writes straight into the array's spare capacity;
    /// `body` gets a pointer to room for `maximum` bytes and returns how many it wrote.
    ///
    /// The codecs' hot loops write through a pointer this way instead of appending byte by byte.
    /// The room is not zeroed first: a 32 MB body decoded into a fresh array otherwise pays for a
    /// memset of the worst-case size (three times the input for a single-byte charset) and for
    /// faulting in pages that are never used. `package`, so MIMECharsets shares it.
    @inline(__always)
    package mutating func appendBytes(upTo maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if maximum <= 0 { return }
        if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
            // Grows geometrically, so chunk-by-chunk streaming into one array stays linear.
            append(addingCapacity: maximum) { span in
                span.withUnsafeMutableBufferPointer { buffer, initialized in
                    initialized = body(buffer.baseAddress!)
                }
            }
        } else if isEmpty {
            self = [UInt8](unsafeUninitializedCapacity: Swift.max(maximum, capacity)) { buffer, initialized in
                initialized = body(buffer.baseAddress!)
            }
        } else {
            let start = count
            append(contentsOf: repeatElement(0, count: maximum))
            let written = withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
            removeLast(maximum - written)
        }
    }

    /// Makes room for at least `additional` more bytes, growing the capacity at least twofold
    /// when it grows, so a caller that appends piece by piece into one array stays linear
    /// (`reserveCapacity` alone grows to the exact size asked, so repeated calls would copy
    /// quadratically).
    package mutating func reserveForAppending(_ additional: Int) {
        let needed = count + additional
        if needed > capacity { reserveCapacity(Swift.max(needed, 2 * capacity)) }
    }
}
