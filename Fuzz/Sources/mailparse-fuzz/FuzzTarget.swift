@_exported import Glibc
import MIMECore

/// The harness's targets; each checks invariants and calls `fatalError` when one breaks, so
/// libFuzzer saves the input as a crash.
enum FuzzTarget: String, CaseIterable {
    /// `MIMEReader` events: tiling, kept bytes, chunk invariance at a split derived from the input.
    case reader
    /// `Message(parsing:)`: exact round trip, stable part tree on re-parse, sane ranges.
    case message
    /// Every header grammar on the input as a field value.
    case headers
    /// `MboxReader` framing in every format: entries tile the input.
    case mbox
    /// Address lists: written back and read again, the same addresses.
    case address
    /// Dates: fields in range; `headerText` reads back to the same date.
    case date
    /// Message-ID lists: no empty or spaced ids; written back, the same ids.
    case messageid
    /// Received: trimmed clauses, dates in range, written back the same.
    case received
    /// Authentication-Results: written back with every word quoted, the same results.
    case authresults
    /// RFC 2047 unstructured text: `decodeText(encodeText(t)) == t`, ASCII, 75-character words.
    case encodedword
    /// Content-Type / Content-Disposition parameters (RFC 2231): written by `MessageWriter` and
    /// read back, the same values.
    case parameters
    /// base64 decoding: chunk-split invariance.
    case base64
    /// quoted-printable decoding: chunk-split invariance.
    case qp
    /// uudecoding: chunk-split invariance.
    case uudecode
    /// base64 and QP encoders: decode(encode(x)) == x, line lengths, chunking.
    case encoders
    /// format=flowed: text kept, fixed text unchanged.
    case flowed
    /// Charset transcoding (builtin and ICU): valid UTF-8, fast paths equal ICU.
    case charset

    func run(_ input: UnsafeRawBufferPointer) {
        switch self {
        case .reader: ReaderTarget.run(input)
        case .message: MessageTarget.run(input)
        case .headers: HeadersTarget.run(input)
        case .mbox: MboxTarget.run(input)
        case .address: AddressTarget.run(input)
        case .date: DateTarget.run(input)
        case .messageid: MessageIDTarget.run(input)
        case .received: ReceivedTarget.run(input)
        case .authresults: AuthenticationResultsTarget.run(input)
        case .encodedword: EncodedWordTarget.run(input)
        case .parameters: ParametersTarget.run(input)
        case .base64: DecoderTarget.run(input, .base64)
        case .qp: DecoderTarget.run(input, .quotedPrintable)
        case .uudecode: DecoderTarget.run(input, .uuencode)
        case .encoders: EncoderTarget.run(input)
        case .flowed: FlowedTarget.run(input)
        case .charset: CharsetTarget.run(input)
        }
    }
}

/// FNV-1a of the input: a deterministic source of split points and option choices, so a saved
/// crash reproduces exactly.
func inputHash(_ input: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in input { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

/// Small limits make short inputs reach the limit code paths; `hash` picks one of a few sets.
func fuzzOptions(_ hash: UInt64) -> ParserOptions {
    var o = ParserOptions()
    switch hash >> 60 & 3 {
    case 0: break
    case 1:
        o.maxNestingDepth = 3
        o.maxParts = 8
        o.maxLineLength = 64
        o.maxFieldBytes = 48
        o.maxFieldsPerHeader = 4
    case 2:
        o.maxLineLength = 16
        o.maxFieldBytes = 1
        o.allowsEnvelopeLine = false
    default:
        o.maxNestingDepth = 1
        o.maxParts = 2
        o.maxFieldsPerHeader = 1
    }
    return o
}

/// `fatalError` with the input size, so the log says what broke.
func violated(_ what: String, _ input: UnsafeRawBufferPointer) -> Never {
    fatalError("invariant violated (\(input.count) input bytes): \(what)")
}
