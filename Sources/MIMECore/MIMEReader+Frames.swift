extension MIMEReader {
    /// One open entity: the message, a part, or an encapsulated message.
    struct Frame: Sendable {
        enum Phase: Sendable, Equatable {
            /// Reading header fields.
            case header
            /// A leaf's body.
            case body
            /// A multipart before its first delimiter.
            case preamble
            /// A multipart with a child part open (the child is the next frame).
            case parts
            /// A multipart after its close delimiter.
            case epilogue
            /// An encapsulated message; the child message is the next frame.
            case message
        }

        var phase: Phase = .header
        var depth: Int
        var bodyStart: Int
        /// Children of multipart/digest default to message/rfc822 (RFC 2046 §5.1.5).
        var isDigestChild: Bool
        var boundary: [UInt8]? = nil
        var isDigest = false
        var sawDelimiter = false
    }

    /// The header being read (only the innermost entity's header is ever open).
    struct HeaderState: Sendable {
        /// Where the field being accumulated starts, and its colon; nil between fields.
        var fieldStart: Int? = nil
        var colon = 0
        var fieldEnd = 0
        var fieldBytes: [UInt8] = []
        var fieldTruncated = false
        var fieldCount = 0
        var tooManyFieldsReported = false
        var sawEnvelope = false
        /// Which structural field the current field is, if any.
        var structural: Structural? = nil
        var contentType: [UInt8]? = nil
        var transferEncoding: [UInt8]? = nil
        /// The Content-Type value already parsed in place by the whole-field path (then `contentType` is an
        /// empty marker): the media type and the parser's defects, emitted when the header ends.
        var parsedContentType: (mediaType: MediaType?, defects: [Defect])? = nil
        /// The Content-Transfer-Encoding name already read in place by the whole-field path.
        var parsedTransferEncoding: String? = nil

        enum Structural { case contentType, transferEncoding }
    }

    // MARK: Interpreting a header

    /// What the finished header says about the body.
    mutating func bodyStructure(for frame: Frame, at offset: Int) -> BodyStructure {
        var defects: [Defect] = []
        var mediaType: MediaType? = nil
        if let parsed = header.parsedContentType {
            (mediaType, defects) = parsed
        } else if let bytes = header.contentType {
            mediaType = bytes.withUnsafeBytes { MediaType(parsing: $0, defects: &defects) }
        }
        for d in defects { emit(.defect(Defect(d.kind, at: offset, severity: d.severity))) }
        let explicit = mediaType != nil
        let type = mediaType ?? (frame.isDigestChild ? .messageRFC822 : .textPlain)
        var encoding: String? = header.parsedTransferEncoding
        if encoding == nil, let cte = header.transferEncoding {
            encoding = cte.withUnsafeBytes { Self.transferEncodingName($0) }
        }
        var kind = BodyStructure.Kind.leaf
        if type.isMultipart {
            // An empty boundary is usable (the delimiter is then `--` alone), as GMime reads it.
            if let boundary = type.parameter("boundary") {
                kind = .multipart(boundary: Array(boundary.utf8))
            } else {
                emit(.defect(Defect(.missingBoundary, at: offset)))
            }
        } else if type.isEncapsulatedMessage {
            switch encoding {
            case nil, "7bit", "8bit", "binary": kind = .message
            default: emit(.defect(Defect(.encodedMessage, at: offset)))
            }
        }
        if kind != .leaf, frame.depth + 1 > options.maxNestingDepth {
            emit(.defect(Defect(.nestingTooDeep, at: offset, severity: .error)))
            kind = .leaf
        }
        return BodyStructure(kind: kind, mediaType: type, mediaTypeIsExplicit: explicit,
                             transferEncoding: encoding)
    }

    /// A Content-Transfer-Encoding value as the reader reports it: white space (folding included) removed,
    /// ASCII letters lowercased.
    static func transferEncodingName(_ value: UnsafeRawBufferPointer) -> String {
        var ascii = true
        var count = 0
        for b in value where !HeaderScanner.isWhitespace(b) {
            count += 1
            if b >= 0x80 { ascii = false }
        }
        guard ascii else {
            // Not ASCII: decoded as UTF-8 with repairs, as any other field text.
            let trimmed = value.filter { !HeaderScanner.isWhitespace($0) }
            return String(decoding: trimmed, as: UTF8.self).lowercasedASCII
        }
        return String(unsafeUninitializedCapacity: count) { out in
            var i = 0
            for b in value where !HeaderScanner.isWhitespace(b) {
                out[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                i += 1
            }
            return count
        }
    }
}
