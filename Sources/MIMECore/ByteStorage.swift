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

    /// Wraps an array without copying it.
    public init(_ bytes: [UInt8]) {
        backing = .array(bytes)
        count = bytes.count
    }

    /// Wraps memory owned elsewhere, such as a mapped file. `release` runs when the last view
    /// of the storage goes away (for a mapping, it unmaps). The memory must not change meanwhile.
    public init(unsafeBytes: UnsafeRawBufferPointer, release: (@Sendable () -> Void)?) {
        backing = .external(unsafeBytes, release: release)
        count = unsafeBytes.count
    }

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
        self.range = 0..<storage.count
    }

    /// A view of `range` of `storage`; the range is clamped to the storage.
    public init(_ storage: ByteStorage, range: Range<Int>) {
        self.storage = storage
        self.range = range.clamped(to: 0..<storage.count)
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
        return storage.withUnsafeBytes { $0[index] }
    }

    /// A narrower view with absolute bounds (clamped to this view).
    public subscript(bounds: Range<Int>) -> ByteView {
        ByteView(storage, range: bounds.clamped(to: range))
    }

    /// Calls `body` with exactly this view's bytes.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[range]))
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
