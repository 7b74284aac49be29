#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Free functions with distinct names for the C calls whose names clash with methods of the
// types that use them (`read`, `write`, `open`, `close`). Each wraps exactly the call it names.

/// `open(2)`.
@inline(__always) func sysOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0o600) -> Int32 {
    open(path, flags, mode)
}

/// `read(2)`.
@inline(__always) func sysRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// `write(2)`.
@inline(__always) func sysWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// `close(2)`.
@inline(__always) func sysClose(_ fd: Int32) {
    _ = close(fd)
}
