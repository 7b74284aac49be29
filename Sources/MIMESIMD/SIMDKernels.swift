import CMailSIMD
import MIMECore

/// Vector kernels for MIMECore's codecs, chosen for the CPU at run time (CMailSIMD): one build,
/// no CPU-specific flags, and the portable Swift path wherever a kernel is missing.
public enum SIMDKernels {
    /// Installs the fastest kernels this CPU runs as MIMECore's defaults; a no-op where there
    /// are none. Decoders made afterwards use them; output and defects are unchanged.
    public static func install() {
        if let kernel = base64Lines() { Base64Decoder.installedLineKernel = kernel }
    }

    /// The base64 line kernel for this CPU (SSSE3 on x86-64); nil where there is none.
    public static func base64Lines() -> Base64LineKernel? {
        cmailsimd_base64_lines_best()
    }
}
