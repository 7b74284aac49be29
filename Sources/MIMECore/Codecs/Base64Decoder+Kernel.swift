import Synchronization

/// A routine that decodes whole base64 lines faster than portable Swift can, by CPU
/// instructions that Swift cannot name and the x86-64 baseline lacks (a byte shuffle):
/// MIMECore stays pure Swift and runs its own code when no kernel is installed. MIMESIMD
/// installs one chosen at run time for the CPU (`SIMDKernels.install()`).
///
/// The contract, which every kernel keeps exactly (the tests hold each to the portable path):
/// from `source[in]`, decode lines of `lineLength` characters, each followed by CRLF or LF, to
/// `target[out]`, advancing `in` past each line and its break and `out` past its
/// `lineLength / 4 * 3` bytes. Stop before the first line that is not followed by CRLF or LF or
/// that holds a byte outside the RFC 4648 §4 alphabet (padding included), and when fewer than
/// `lineLength + 2` of the `count` bytes remain. Decode nothing unless `lineLength` is at least
/// 16 and a multiple of 4. Stores may reach 4 bytes past a line's bytes, also for a line that
/// is then rejected, never further.
public typealias Base64LineKernel = @convention(c) (
    _ source: UnsafePointer<UInt8>, _ count: Int, _ lineLength: Int,
    _ target: UnsafeMutablePointer<UInt8>, _ in: UnsafeMutablePointer<Int>, _ out: UnsafeMutablePointer<Int>
) -> Void

extension Base64Decoder {
    private static let installed = Mutex<Base64LineKernel?>(nil)

    /// The kernel that new decoders use unless given another; nil (the portable path) until a
    /// program installs one.
    public static var installedLineKernel: Base64LineKernel? {
        get { installed.withLock { $0 } }
        set { installed.withLock { $0 = newValue } }
    }
}
