/// Turns bytes in a named charset into UTF-8.
///
/// MIMECore stays charset-agnostic: it handles UTF-8, US-ASCII and ISO-8859-1 itself and asks a
/// transcoder for everything else. MIMECharsets provides one backed by ICU that knows every IANA
/// charset and alias. Pass it wherever text is decoded (encoded words, `text()`), or install it
/// once as `CharsetTranscoders.shared`.
public protocol CharsetTranscoder: Sendable {
    /// Appends the UTF-8 form of `bytes` (in charset `charset`, an IANA name or alias as written in
    /// the mail, any case) to `output`. Returns nil, appending nothing, when the charset is unknown.
    /// Bytes that are invalid in the charset become U+FFFD; the result says whether any did.
    func transcode(_ bytes: UnsafeRawBufferPointer, from charset: String, into output: inout [UInt8])
        -> TranscodeResult?
}

/// What happened while transcoding.
public struct TranscodeResult: Sendable, Hashable {
    /// Some input was invalid in the declared charset and was replaced with U+FFFD.
    public var hadInvalidBytes: Bool
    public init(hadInvalidBytes: Bool) { self.hadInvalidBytes = hadInvalidBytes }
}
