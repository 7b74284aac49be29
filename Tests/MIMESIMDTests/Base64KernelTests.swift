import MIMECore
import MIMESIMD
import Testing

/// The base64 line kernel (CMailSIMD) against MIMECore's portable decoder: it must give the same
/// bytes and the same defects on every input, and keep the kernel contract (`Base64LineKernel`)
/// when called directly. Where the CPU has no kernel (not x86-64), the parametrized tests have
/// no cases.
@Suite struct Base64KernelTests {
    /// One test case when this CPU has a kernel, none when it has not.
    static let kernelNames = SIMDKernels.base64Lines() == nil ? [] : ["ssse3"]

    /// The kernel this CPU runs (only read by test cases, which exist only when it does).
    static var kernel: Base64LineKernel { SIMDKernels.base64Lines()! }

    /// Decodes `input` fed in pieces cut at `cuts` (sorted), with `kernel` or the portable path.
    static func decode(_ input: [UInt8], _ kernel: Base64LineKernel?, cuts: [Int] = []) -> Outcome {
        var decoder = Base64Decoder(lineKernel: kernel)
        var output: [UInt8] = []
        var start = 0
        input.withUnsafeBytes { raw in
            for end in cuts + [input.count] where end >= start {
                decoder.decode(UnsafeRawBufferPointer(rebasing: raw[start..<end]), into: &output)
                start = end
            }
        }
        decoder.finish(into: &output)
        return Outcome(bytes: output, defects: decoder.defects)
    }

    struct Outcome: Equatable {
        let bytes: [UInt8]
        let defects: [Defect]
    }

    /// Lines of `length` characters of the alphabet in value order, repeated, each ended by
    /// `lineEnd`.
    static func lines(_ count: Int, length: Int, lineEnd: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        return (0..<count).flatMap { n in (0..<length).map { alphabet[(n * 7 + $0) % 64] } + lineEnd }
    }

    /// x86-64 CPUs have SSSE3 (every one since 2006 that CI or a user could have); `install()`
    /// makes the kernel the decoders' default. (The tests here pass their kernels explicitly.)
    @Test func installMakesTheKernelTheDefault() {
        #if arch(x86_64)
        #expect(SIMDKernels.base64Lines() != nil)
        #endif
        SIMDKernels.install()
        #expect((Base64Decoder.installedLineKernel != nil) == (SIMDKernels.base64Lines() != nil))
    }

    /// Every byte value at every place of the second of three lines, whose length the portable
    /// decoder has learned by then and the kernel is handed: the kernel accepts exactly the 64
    /// alphabet characters, gives each its value, and leaves a line it rejects to the general
    /// path, so the output and defects match the portable decoder's. Line lengths cover one
    /// block, an overlapping last block and several blocks.
    @Test(arguments: kernelNames, [16, 20, 28, 44, 64, 72, 76, 100])
    func everyByteAtEveryPlaceAgreesWithThePortablePath(name: String, length: Int) {
        let kernel = Self.kernel
        for lineEnd: [UInt8] in [[13, 10], [10]] {
            var input = Self.lines(3, length: length, lineEnd: lineEnd)
            let second = length + lineEnd.count
            for place in second..<(second + length) {
                let saved = input[place]
                for value in 0...255 {
                    input[place] = UInt8(value)
                    let portable = Self.decode(input, nil)
                    #expect(Self.decode(input, kernel) == portable, "\(name): byte \(value) at \(place), length \(length)")
                }
                input[place] = saved
            }
        }
    }

    /// Random bytes encoded in lines of many lengths, CRLF or LF, some damaged (junk, blanks,
    /// padding, a line break inserted or a character deleted, which changes the line length),
    /// fed whole and in seeded pieces: the kernel's result is the portable one.
    @Test(arguments: kernelNames)
    func damagedInputsAgreeWithThePortablePath(name: String) {
        let kernel = Self.kernel
        var random = SeededRandom(seed: 0x6b65_726e_656c)
        for trial in 0..<400 {
            let data = (0..<Int(random.next() % 1_200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let lineLength = [76, 76, 64, 72, 16, 20, 4, 74, 77, 60, 100, 128][trial % 12]
            var input = data.withUnsafeBytes { raw -> [UInt8] in
                var encoder = Base64Encoder(lineLength: lineLength, lineEnding: trial % 3 == 0 ? .lf : .crlf)
                var out: [UInt8] = []
                encoder.encode(raw, into: &out)
                encoder.finish(into: &out)
                return out
            }
            if trial % 4 == 3 && !input.isEmpty {
                for _ in 0..<(1 + Int(random.next() % 3)) {
                    let at = Int(random.next() % UInt64(input.count))
                    let damage: [[UInt8]] = [[0x2A], [0x20], [0x09], [0x3D], [0xE9], [13], [10], [13, 10], []]
                    let pick = damage[Int(random.next() % UInt64(damage.count))]
                    if pick.isEmpty { input.remove(at: at) } else { input.insert(contentsOf: pick, at: at) }
                }
            }
            let portable = Self.decode(input, nil)
            if trial % 4 != 3 {
                #expect(portable.bytes == data)
            }
            let cuts = input.isEmpty ? [] : (0..<3).map { _ in Int(random.next() % UInt64(input.count)) }.sorted()
            #expect(Self.decode(input, kernel) == portable, "\(name): trial \(trial)")
            #expect(Self.decode(input, kernel, cuts: cuts) == portable, "\(name): trial \(trial), cuts \(cuts)")
        }
    }

    /// Calls the kernel directly: where it stops, what it writes and how far its stores reach.
    func run(_ kernel: Base64LineKernel, _ input: [UInt8], length: Int, from start: Int = 0)
        -> (in: Int, out: Int, target: [UInt8]) {
        var target = [UInt8](repeating: 0xAA, count: input.count + 64)
        var (i, o) = (start, 0)
        input.withUnsafeBufferPointer { source in
            target.withUnsafeMutableBufferPointer { target in
                kernel(source.baseAddress!, source.count, length, target.baseAddress!, &i, &o)
            }
        }
        return (i, o, target)
    }

    @Test(arguments: kernelNames)
    func kernelKeepsItsContract(name: String) {
        let kernel = Self.kernel
        for length in [16, 20, 44, 76, 100] {
            let good = Self.lines(4, length: length, lineEnd: [13, 10])
            let expected = Self.decode(good, nil).bytes
            // Clean lines: all decoded, and nothing stored more than 4 bytes past the output.
            let clean = run(kernel, good + [0x41], length: length)
            #expect(clean.in == good.count && clean.out == expected.count)
            #expect(Array(clean.target[..<clean.out]) == expected)
            #expect(clean.target[(clean.out + 4)...].allSatisfy { $0 == 0xAA }, "\(name): stores past the slack")
            // Exactly length + 2 bytes left: the last line is decoded; fewer (its LF alone): left.
            #expect(run(kernel, good, length: length).in == good.count)
            let lfLines = Self.lines(4, length: length, lineEnd: [10])
            let short = run(kernel, lfLines, length: length)
            #expect(short.in == 3 * (length + 1) && short.out == expected.count / 4 * 3)
            // A bad byte in the third line: two lines decoded; the rejected line's stores stay
            // within 4 bytes past its place.
            for bad: UInt8 in [0x3D, 0x2E, 0x20, 0xC1] {
                var damaged = good
                damaged[2 * (length + 2) + length - 1] = bad
                let stopped = run(kernel, damaged, length: length)
                #expect(stopped.in == 2 * (length + 2) && stopped.out == 2 * (length / 4 * 3))
                #expect(stopped.target[(3 * (length / 4 * 3) + 4)...].allSatisfy { $0 == 0xAA })
            }
            // A bare CR after the second line, or a line one quantum longer: nothing from there on.
            var bareCR = good
            bareCR[2 * length + 3] = 0x41
            #expect(run(kernel, bareCR, length: length).in == length + 2)
            #expect(run(kernel, good, length: length + 4).in == 0)
            // LF line ends, starting mid-buffer.
            let lf = Self.lines(3, length: length, lineEnd: [10]) + [0, 0]
            let fromSecond = run(kernel, lf, length: length, from: length + 1)
            #expect(fromSecond.in == 3 * (length + 1) && fromSecond.out == 2 * (length / 4 * 3))
        }
        // Lengths below 16 or not a multiple of 4 are declined.
        for length in [8, 12, 18, 77] {
            let input = Self.lines(3, length: length, lineEnd: [10])
            let declined = run(kernel, input, length: length)
            #expect(declined.in == 0 && declined.out == 0 && declined.target.allSatisfy { $0 == 0xAA })
        }
    }
}
