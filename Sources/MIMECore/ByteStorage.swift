/// The bytes a message or mailbox was parsed from: an array, or memory someone else owns
/// (a memory-mapped file, a buffer from a network stack).
///
/// Storage is shared and immutable. Parts, fields and bodies refer to it by absolute offsets,
/// so parsing never copies the input; the offsets are positions in the source as given.
public final class ByteStorage: @unchecked Sendable {
    // @unchecked: the bytes are never mutated after init, and `release` runs once, in deinit.
    private enum Backing {
        case array([UInt8])
        case external(UnsafeRawBufferPointer, release: (@Sendable () -> Void)?)
    }

    private let backing: Backing

    /// The number of bytes.
    public let count: Int
    /// The source offset of the first byte: a window of a larger input (one message read out of
    /// a compressed or windowed mbox) keeps the offsets of that input.
    public let startOffset: Int

    /// Wraps an array without copying it; its first byte is at source offset `startOffset`.
    public init(_ bytes: [UInt8], startOffset: Int = 0) {
        backing = .array(bytes)
        count = bytes.count
        self.startOffset = startOffset
    }

    /// Wraps memory owned elsewhere, such as a mapped file. `release` runs when the last view
    /// of the storage goes away (for a mapping, it unmaps). The memory must not change meanwhile.
    public init(unsafeBytes: UnsafeRawBufferPointer, startOffset: Int = 0, release: (@Sendable () -> Void)?) {
        backing = .external(unsafeBytes, release: release)
        count = unsafeBytes.count
        self.startOffset = startOffset
    }

    /// The absolute offsets the storage covers.
    public var offsets: Range<Int> { startOffset..<(startOffset + count) }

    deinit {
        if case .external(_, let release?) = backing { release() }
    }

    /// Calls `body` with the whole storage. The pointer is valid only inside `body`.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try _withUnsafeBytes(body)
    }

    @usableFromInline
    func _withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch backing {
        case .array(let array): return try array.withUnsafeBytes(body)
        case .external(let pointer, _): return try body(pointer)
        }
    }
}

/// A range of shared, immutable bytes with absolute indices: `view[i]` is byte `i` of the
/// source, so a view's `startIndex` is its offset in the original input.
public struct ByteView: Sendable, Hashable {
    /// The shared storage this view is a window into.
    public let storage: ByteStorage
    /// The absolute range of the storage this view covers.
    public let range: Range<Int>

    /// A view of all of `storage`.
    public init(_ storage: ByteStorage) {
        self.storage = storage
        self.range = storage.offsets
    }

    /// A view of the absolute `range` of `storage`; the range is clamped to the storage.
    public init(_ storage: ByteStorage, range: Range<Int>) {
        self.storage = storage
        self.range = range.clamped(to: storage.offsets)
    }

    /// A view that owns a copy of `bytes`; convenient for tests and small inputs.
    public init<S: Sequence>(copying bytes: S) where S.Element == UInt8 {
        self.init(ByteStorage(Array(bytes)))
    }

    public var startIndex: Int { range.lowerBound }
    public var endIndex: Int { range.upperBound }
    public var count: Int { range.count }
    public var isEmpty: Bool { range.isEmpty }

    /// The byte at absolute offset `index`.
    public subscript(index: Int) -> UInt8 {
        precondition(range.contains(index), "ByteView index out of range")
        return storage.withUnsafeBytes { $0[index - storage.startOffset] }
    }

    /// A narrower view with absolute bounds (clamped to this view).
    public subscript(bounds: Range<Int>) -> ByteView {
        ByteView(storage, range: bounds.clamped(to: range))
    }

    /// Calls `body` with exactly this view's bytes.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { all in
            let base = storage.startOffset
            return try body(UnsafeRawBufferPointer(rebasing: all[(range.lowerBound - base)..<(range.upperBound - base)]))
        }
    }

    /// A copy of the bytes, for the edge of the API.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    public static func == (lhs: ByteView, rhs: ByteView) -> Bool {
        lhs.count == rhs.count && lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in a.elementsEqual(b) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
