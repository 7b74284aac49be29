#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fsync`s many descriptors from several threads at once.
///
/// Why: on journalling file systems (ext4's jbd2, XFS's log) a lone `fsync` of a new file costs
/// one journal commit and one device cache flush, a few milliseconds, and calling it file after
/// file pays that for every file. `fsync` calls that are in flight *together* join the same
/// commit. Every descriptor is still `fsync`ed and every result checked, so the guarantee is
/// exactly that of one `fsync` per file; only the waiting overlaps.
enum ParallelSync {
    /// The number of threads for `count` descriptors: I/O-bound, so more than the cores.
    static func threads(for count: Int) -> Int { min(count, 32) }

    /// `fsync`s every descriptor of `fds` through `fileSystem`; returns, per descriptor, nil
    /// or the error. The calls are spread over `threads(for:)` threads (the calling one too).
    static func fsync(_ fds: [Int32], using fileSystem: any MailboxFileSystem) -> [Errno?] {
        let count = fds.count
        let workers = threads(for: count)
        guard workers > 1 else {
            return fds.map { (fd) -> Errno? in
                do throws(Errno) { try fileSystem.fsync(fd); return nil } catch { return error }
            }
        }
        let job = Job(fds: fds, fileSystem: fileSystem, stride: workers)
        defer { job.errors.deallocate() }
        var started: [Thread] = []
        for lane in 1..<workers {
            if let thread = Thread.start(job, lane: lane) { started.append(thread) } else { job.run(lane: lane) }
        }
        job.run(lane: 0)
        for thread in started { thread.join() }
        return (0..<count).map { job.errors[$0] == 0 ? nil : Errno(job.errors[$0]) }
    }

    /// The shared work: lane `k` syncs descriptors `k`, `k + stride`, … and writes only its
    /// own slots of `errors`, so no two threads touch the same memory.
    final class Job: @unchecked Sendable {
        let fds: [Int32]
        let fileSystem: any MailboxFileSystem
        let stride: Int
        let errors: UnsafeMutableBufferPointer<Int32>

        init(fds: [Int32], fileSystem: any MailboxFileSystem, stride: Int) {
            self.fds = fds
            self.fileSystem = fileSystem
            self.stride = stride
            errors = .allocate(capacity: fds.count)
            errors.initialize(repeating: 0)
        }

        func run(lane: Int) {
            for index in Swift.stride(from: lane, to: fds.count, by: stride) {
                do { try fileSystem.fsync(fds[index]) } catch { errors[index] = error.code }
            }
        }
    }

    /// A POSIX thread running one lane of a job.
    struct Thread {
        #if canImport(Glibc)
        let id: pthread_t
        #else
        let id: pthread_t?
        #endif

        /// Starts a thread for `lane`; nil when the system will not make one (the caller runs it).
        static func start(_ job: Job, lane: Int) -> Thread? {
            let context = Unmanaged.passRetained(Context(job: job, lane: lane)).toOpaque()
            #if canImport(Glibc)
            var id = pthread_t()
            #else
            var id: pthread_t?
            #endif
            let result = pthread_create(&id, nil, { raw in
                #if canImport(Glibc)
                let context = Unmanaged<Context>.fromOpaque(raw!).takeRetainedValue()
                #else
                let context = Unmanaged<Context>.fromOpaque(raw).takeRetainedValue()
                #endif
                context.job.run(lane: context.lane)
                return nil
            }, context)
            guard result == 0 else {
                Unmanaged<Context>.fromOpaque(context).release()
                return nil
            }
            return Thread(id: id)
        }

        func join() {
            #if canImport(Glibc)
            pthread_join(id, nil)
            #else
            if let id { pthread_join(id, nil) }
            #endif
        }
    }

    /// What a started thread needs, passed through `pthread_create`'s context pointer.
    final class Context: @unchecked Sendable {
        let job: Job
        let lane: Int
        init(job: Job, lane: Int) {
            self.job = job
            self.lane = lane
        }
    }
}
