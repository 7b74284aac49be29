extension Defect.Kind {
    /// The Content-Transfer-Encoding is not one we can decode; the body was kept as it is
    /// (RFC 2045 §6.4 says to treat such a body as application/octet-stream).
    public static let transferEncodingUnknown = Defect.Kind("transferEncodingUnknown")
}

/// The value of a Content-Transfer-Encoding field (RFC 2045 §6.1): an open set, compared
/// case-insensitively, so `rawValue` is always lowercase.
public struct TransferEncoding: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Wraps a mechanism name, lowercasing it.
    public init(rawValue: String) {
        self.rawValue = rawValue.lowercased()
    }

    /// `7bit`: short lines of US-ASCII, nothing to decode (the default, RFC 2045 §6.1).
    public static let sevenBit = TransferEncoding(rawValue: "7bit")
    /// `8bit`: short lines, octets above 127 allowed, nothing to decode.
    public static let eightBit = TransferEncoding(rawValue: "8bit")
    /// `binary`: any octets, nothing to decode.
    public static let binary = TransferEncoding(rawValue: "binary")
    /// `base64` (RFC 2045 §6.8).
    public static let base64 = TransferEncoding(rawValue: "base64")
    /// `quoted-printable` (RFC 2045 §6.7).
    public static let quotedPrintable = TransferEncoding(rawValue: "quoted-printable")
    /// `x-uuencode`, also written `x-uue`, `uuencode` and `uue`.
    public static let uuencode = TransferEncoding(rawValue: "x-uuencode")

    /// Parses a field value leniently: surrounding white space, quotes and RFC 5322 comments
    /// are dropped, case is ignored, anything after the first word (such as a stray
    /// `; charset=…`) is ignored, and the aliases of uuencode map to `.uuencode`.
    /// An empty value is `.sevenBit`, the default.
    public init(parsing value: String) {
        self.init(parsing: Array(value.utf8))
    }

    /// Parses the raw bytes of a field value; see `init(parsing:)`.
    public init<Bytes: Collection>(parsing value: Bytes) where Bytes.Element == UInt8 {
        var token: [UInt8] = []
        var depth = 0
        var escaped = false
        var ended = false  // the first word is the mechanism; anything after it is ignored
        for byte in value {
            if escaped {
                escaped = false
                continue
            }
            switch byte {
            case UInt8(ascii: "\\") where depth > 0: escaped = true
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")") where depth > 0: depth -= 1
            case _ where depth > 0: continue
            case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: "\""), UInt8(ascii: ";"): ended = !token.isEmpty
            case _ where ended: continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): token.append(byte + 0x20)
            default: token.append(byte)
            }
        }
        let name = String(decoding: token, as: UTF8.self)
        switch name {
        case "": self = .sevenBit
        case "x-uuencode", "x-uue", "uuencode", "uue": self = .uuencode
        default: self.init(rawValue: name)
        }
    }

    public var description: String { rawValue }

    /// Whether the body needs no decoding (7bit, 8bit, binary).
    public var isIdentity: Bool { self == .sevenBit || self == .eightBit || self == .binary }

    /// Decodes a whole body. Unknown encodings return the bytes unchanged with a
    /// `transferEncodingUnknown` defect; defect offsets count from `baseOffset`.
    public func decode(_ bytes: UnsafeRawBufferPointer, baseOffset: Int = 0) -> (bytes: [UInt8], defects: [Defect]) {
        var decoder = TransferDecoder(self, baseOffset: baseOffset)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        decoder.decode(bytes, into: &output)
        decoder.finish(into: &output)
        return (output, decoder.defects)
    }

    /// Decodes a whole body held in an array.
    public func decode(_ bytes: [UInt8], baseOffset: Int = 0) -> (bytes: [UInt8], defects: [Defect]) {
        bytes.withUnsafeBytes { decode($0, baseOffset: baseOffset) }
    }
}

/// A streaming decoder for any `TransferEncoding`: feed chunks, then `finish(into:)`.
public struct TransferDecoder: Sendable {
    private enum Mechanism: Sendable {
        case identity(offset: Int, unknownDefect: Defect?)
        case base64(Base64Decoder)
        case quotedPrintable(QuotedPrintableDecoder)
        case uuencode(UUDecoder)
    }

    private var mechanism: Mechanism

    /// Creates a decoder for `encoding` whose defects count from `baseOffset`.
    public init(_ encoding: TransferEncoding, baseOffset: Int = 0) {
        switch encoding {
        case .base64: mechanism = .base64(Base64Decoder(baseOffset: baseOffset))
        case .quotedPrintable: mechanism = .quotedPrintable(QuotedPrintableDecoder(baseOffset: baseOffset))
        case .uuencode: mechanism = .uuencode(UUDecoder(baseOffset: baseOffset))
        case _ where encoding.isIdentity: mechanism = .identity(offset: baseOffset, unknownDefect: nil)
        default:
            mechanism = .identity(offset: baseOffset,
                                  unknownDefect: Defect(.transferEncodingUnknown, at: baseOffset, severity: .error))
        }
    }

    /// What was tolerated so far, in input order.
    public var defects: [Defect] {
        switch mechanism {
        case .identity(_, let unknown): return unknown.map { [$0] } ?? []
        case .base64(let decoder): return decoder.defects
        case .quotedPrintable(let decoder): return decoder.defects
        case .uuencode(let decoder): return decoder.defects
        }
    }

    /// Decodes `input`, appending the bytes to `output`.
    public mutating func decode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        switch mechanism {
        case .identity(let offset, let unknown):
            output.append(contentsOf: input)
            mechanism = .identity(offset: offset + input.count, unknownDefect: unknown)
        case .base64(var decoder):
            decoder.decode(input, into: &output)
            mechanism = .base64(decoder)
        case .quotedPrintable(var decoder):
            decoder.decode(input, into: &output)
            mechanism = .quotedPrintable(decoder)
        case .uuencode(var decoder):
            decoder.decode(input, into: &output)
            mechanism = .uuencode(decoder)
        }
    }

    /// Ends the stream.
    public mutating func finish(into output: inout [UInt8]) {
        switch mechanism {
        case .identity: break
        case .base64(var decoder):
            decoder.finish(into: &output)
            mechanism = .base64(decoder)
        case .quotedPrintable(var decoder):
            decoder.finish(into: &output)
            mechanism = .quotedPrintable(decoder)
        case .uuencode(var decoder):
            decoder.finish(into: &output)
            mechanism = .uuencode(decoder)
        }
    }
}
