/// The line break an encoder writes: CRLF on the wire (RFC 5322 §2.1), LF in Unix mailboxes.
public enum LineEnding: Sendable, Hashable {
    case crlf
    case lf

    /// The bytes of the line break.
    public var bytes: [UInt8] { self == .crlf ? [13, 10] : [10] }
}

/// A streaming encoder for the base64 content transfer encoding (RFC 2045 §6.8).
///
/// Output lines hold `lineLength` characters (76, the RFC 2045 maximum, by default) and end
/// with `lineEnding`; the last line is terminated too. Feed any chunks with
/// `encode(_:into:)` and call `finish(into:)` once: chunking never changes the output.
public struct Base64Encoder: Sendable {
    /// Characters per output line: a multiple of 4, at least 4.
    public let lineLength: Int
    /// The line break written after each line.
    public let lineEnding: LineEnding

    /// Input bytes waiting for a full 3-byte group (0...2 of them, in `carry`).
    private var carry: UInt32 = 0
    private var carryCount = 0
    /// Characters on the current output line.
    private var column = 0

    /// Creates an encoder. `lineLength` is rounded down to a multiple of 4 (at least 4).
    public init(lineLength: Int = 76, lineEnding: LineEnding = .crlf) {
        self.lineLength = max(4, lineLength - lineLength % 4)
        self.lineEnding = lineEnding
    }

    /// The most bytes `encode` can write for `inputCount` input bytes.
    public func maximumOutputCount(forInputCount inputCount: Int) -> Int {
        let characters = (inputCount + 2) / 3 * 4 + 4
        return characters + (characters / lineLength + 1) * 2
    }

    /// Encodes `input`, appending base64 text to `output`.
    public mutating func encode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        if input.isEmpty { return }
        output.appendBytes(upTo: maximumOutputCount(forInputCount: input.count)) { encode(input, writingTo: $0) }
    }

    /// Encodes into raw memory with room for `maximumOutputCount(forInputCount:)` bytes;
    /// returns how many bytes it wrote.
    public mutating func encode(_ input: UnsafeRawBufferPointer, writingTo output: UnsafeMutablePointer<UInt8>) -> Int {
        guard let source = input.baseAddress else { return 0 }
        let count = input.count
        var i = 0
        var o = 0
        Base64Alphabet.encodingTable.withUnsafeBufferPointer { table in
            let t = table.baseAddress!
            // Complete a group started by an earlier chunk.
            while carryCount > 0 && carryCount < 3 && i < count {
                carry = carry << 8 | UInt32(source.load(fromByteOffset: i, as: UInt8.self))
                carryCount += 1
                i += 1
            }
            if carryCount == 3 {
                o += writeGroup(carry, table: t, into: output + o)
                carry = 0
                carryCount = 0
            }
            while i + 3 <= count {
                let group = UInt32(source.load(fromByteOffset: i, as: UInt8.self)) << 16
                    | UInt32(source.load(fromByteOffset: i + 1, as: UInt8.self)) << 8
                    | UInt32(source.load(fromByteOffset: i + 2, as: UInt8.self))
                o += writeGroup(group, table: t, into: output + o)
                i += 3
            }
            while i < count {
                carry = carry << 8 | UInt32(source.load(fromByteOffset: i, as: UInt8.self))
                carryCount += 1
                i += 1
            }
        }
        return o
    }

    /// Writes the four characters for 24 bits, then a line break if the line is full.
    @inline(__always)
    private mutating func writeGroup(_ group: UInt32, table: UnsafePointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
        output[0] = table[Int(group >> 18 & 63)]
        output[1] = table[Int(group >> 12 & 63)]
        output[2] = table[Int(group >> 6 & 63)]
        output[3] = table[Int(group & 63)]
        column += 4
        if column < lineLength { return 4 }
        column = 0
        return 4 + writeLineEnding(into: output + 4)
    }

    private func writeLineEnding(into output: UnsafeMutablePointer<UInt8>) -> Int {
        if lineEnding == .crlf {
            output[0] = 13
            output[1] = 10
            return 2
        }
        output[0] = 10
        return 1
    }

    /// Ends the stream: pads the last group with `=` and terminates the last line.
    public mutating func finish(into output: inout [UInt8]) {
        output.appendBytes(upTo: 8) { out in
            var o = 0
            if carryCount > 0 {
                let table = Base64Alphabet.encodingTable
                let group = carry << (8 * UInt32(3 - carryCount))
                out[0] = table[Int(group >> 18 & 63)]
                out[1] = table[Int(group >> 12 & 63)]
                out[2] = carryCount == 2 ? table[Int(group >> 6 & 63)] : UInt8(ascii: "=")
                out[3] = UInt8(ascii: "=")
                o = 4
                column += 4
            }
            if column > 0 { o += writeLineEnding(into: out + o) }
            return o
        }
        carry = 0
        carryCount = 0
        column = 0
    }

    /// Encodes a whole body at once.
    public static func encode(_ input: UnsafeRawBufferPointer, lineLength: Int = 76, lineEnding: LineEnding = .crlf) -> [UInt8] {
        var encoder = Base64Encoder(lineLength: lineLength, lineEnding: lineEnding)
        var output: [UInt8] = []
        output.reserveCapacity(encoder.maximumOutputCount(forInputCount: input.count))
        encoder.encode(input, into: &output)
        encoder.finish(into: &output)
        return output
    }
}
