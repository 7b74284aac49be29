/// Where a writer puts bytes: an array, a file, a socket.
public protocol ByteSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer)
}

extension Array: ByteSink where Element == UInt8 {
    public mutating func write(_ bytes: UnsafeRawBufferPointer) { append(contentsOf: bytes) }
}

extension Message {
    /// Writes the message from its model: envelope, then each part's fields, blank line and body
    /// (or preamble, delimiters, children and epilogue). Untouched fields and bodies are their
    /// source bytes, so an unedited message comes back byte for byte.
    public func write<Sink: ByteSink>(to sink: inout Sink) {
        if let envelope { source[envelope].withUnsafeBytes { sink.write($0) } }
        writeEntity(.root, to: &sink)
    }

    /// The serialized message.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        write(to: &out)
        return out
    }

    /// Writes one entity: header fields, the blank line, then the body by kind.
    public func writeEntity<Sink: ByteSink>(_ id: Part.ID, to sink: inout Sink) {
        let part = parts[id.rawValue]
        if let leading = part.leadingLines { emit(leading, to: &sink) }
        for field in fields[part.fieldRange] {
            field.raw.withUnsafeBytes { sink.write($0) }
        }
        emit(part.blankLine, to: &sink)
        switch part.kind {
        case .leaf:
            emit(part.bodyRange, to: &sink)
        case .message:
            let children = children(of: id)
            if let child = children.first {
                writeEntity(child, to: &sink)
            } else {
                emit(part.bodyRange, to: &sink)
            }
        case .multipart:
            if let preamble = part.preamble { emit(preamble, to: &sink) }
            let children = children(of: id)
            for (k, child) in children.enumerated() {
                if k < part.delimiters.count { emit(part.delimiters[k], to: &sink) }
                writeEntity(child, to: &sink)
            }
            if part.delimiters.count > children.count {
                for d in part.delimiters[children.count...] { emit(d, to: &sink) }
            }
            if let epilogue = part.epilogue { emit(epilogue, to: &sink) }
        }
    }

    private func emit<Sink: ByteSink>(_ range: Range<Int>, to sink: inout Sink) {
        guard !range.isEmpty else { return }
        source[range].withUnsafeBytes { sink.write($0) }
    }
}
